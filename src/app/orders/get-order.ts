// Use case: read one order copy with everything derived from it.
import { requirePermission } from '../../domain/company-types.ts';
import { notFound } from '../../domain/errors.ts';
import { viewOrder, type OrderView } from '../../domain/order-view.ts';
import type { Caller, Deps } from '../deps.ts';

/** The caller's copy of an order; a foreign or unknown id is not found. */
export async function getOrder(deps: Deps, caller: Caller, orderId: string): Promise<OrderView> {
  requirePermission(caller.role, 'read');
  const order = await deps.store.orders.get(caller.companyId, orderId);
  if (!order) throw notFound('order', orderId);
  return viewOrder(order, deps.now().toISOString());
}
