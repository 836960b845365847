// The shared engine of the order use cases: load own copy → domain → save → publish to partner.
import { requirePermission, type Permission } from '../../domain/company-types.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { applyOrderAction, type OrderAction } from '../../domain/order-actions.ts';
import { partnerOf, type Order } from '../../domain/order-types.ts';
import type { Repositories } from '../../storage/store.ts';
import type { Caller, Deps } from '../deps.ts';
import { announceOrderChange } from './order-changes.ts';
import { historyRows } from './apply-partner-change.ts';

export interface ActOptions {
  /** The version the caller last saw (If-Match); a different current version is a conflict. */
  expectedVersion?: number | undefined;
  /** The business document this change came from, for the history. */
  documentId?: string | null | undefined;
}

/** Acting on a buyer's copy needs the buyer permission, on a seller's copy the seller permission. */
const permissionFor = (role: Order['role']): Permission => (role === 'buyer' ? 'buy' : 'sell');

/** Applies an action to the caller's copy of an order and delivers it to the partner's copy. */
export async function actOnOrder(
  deps: Deps,
  caller: Caller,
  orderId: string,
  action: OrderAction,
  options: ActOptions = {},
): Promise<Order> {
  const order = await deps.store.transaction((tx) => actWithin(deps, tx, caller, orderId, action, options));
  announceOrderChange(deps, caller, order, action.type);
  return order;
}

/** The same inside a running transaction (a despatch touches several orders atomically). */
export async function actWithin(
  deps: Deps,
  tx: Repositories,
  caller: Caller,
  orderId: string,
  action: OrderAction,
  options: ActOptions = {},
): Promise<Order> {
  const at = deps.now().toISOString();
  requirePermission(caller.role, 'read');
  const order = await tx.orders.getForUpdate(caller.companyId, orderId);
  if (!order) throw notFound('order', orderId);
  requirePermission(caller.role, permissionFor(order.role));
  if (options.expectedVersion !== undefined && options.expectedVersion !== order.version) {
    throw new DomainError(
      'version_conflict',
      `order ${order.number} is at version ${order.version}, not ${options.expectedVersion}; reload and try again`,
      {
        expectedVersion: options.expectedVersion,
        currentVersion: order.version,
      },
    );
  }
  const result = applyOrderAction(order, action, order.role, at);
  const meta = { actor: caller.actor, at, documentId: options.documentId ?? null };
  await tx.orders.update(
    result.order,
    order.version,
    result.changedLineIds,
    historyRows(result.events, order.id, meta, deps.newId),
  );
  await deps.partners.deliver(deps, tx, partnerOf(order).companyId, {
    kind: 'order.action',
    orderId,
    from: caller.companyId,
    action,
    actorRole: order.role,
    ...meta,
  });
  return result.order;
}
