// Use case: the append-only history of an order copy (or one line).
import { requirePermission } from '../../domain/company-types.ts';
import { notFound } from '../../domain/errors.ts';
import type { OrderEvent } from '../../domain/order-events.ts';
import type { Caller, Deps } from '../deps.ts';

/** Events oldest first: what changed, who, when, why and from which document. */
export async function orderHistory(
  deps: Deps,
  caller: Caller,
  orderId: string,
  lineId?: string,
): Promise<OrderEvent[]> {
  requirePermission(caller.role, 'read');
  const events = await deps.store.orders.events(caller.companyId, orderId, lineId);
  if (events.length === 0 && !(await deps.store.orders.get(caller.companyId, orderId)))
    throw notFound('order', orderId);
  return events;
}
