// Live updates: after a change to an order is committed, every company holding a copy of it hears about
// it, so that open screens can refresh (GET /api/v1/events). In-process publish/subscribe: it reaches the
// listeners of this process only, which covers every company hosted on this node. Nodes that run several
// processes over one PostgreSQL database, or partners on other nodes, need a shared feed (a later issue).
// A notice carries no order content: a listener reads the order again with its own permissions.
import { requirePermission } from '../../domain/company-types.ts';
import type { Order } from '../../domain/order-types.ts';
import type { Caller, Deps } from '../deps.ts';
import type { OrderChange, OrderChangeFeed, OrderChangeListener } from './ports.ts';

/** A feed within this process. */
export function inProcessChangeFeed(): OrderChangeFeed {
  const listeners = new Map<string, Set<OrderChangeListener>>();
  const everything = new Set<OrderChangeListener>();
  const call = (listener: OrderChangeListener, change: OrderChange): void => {
    try {
      listener(change);
    } catch {
      // A broken listener (e.g. a closed connection) must not affect the others or the writer.
    }
  };
  return {
    publish(companyIds, change) {
      for (const listener of everything) call(listener, change);
      for (const companyId of new Set(companyIds)) {
        for (const listener of listeners.get(companyId) ?? []) call(listener, change);
      }
    },
    subscribe(companyId, listener) {
      const set = listeners.get(companyId) ?? new Set();
      set.add(listener);
      listeners.set(companyId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(companyId) === set) listeners.delete(companyId);
      };
    },
    subscribeAll(listener) {
      everything.add(listener);
      return () => everything.delete(listener);
    },
  };
}

/** Announces a committed change of `order` to both the buyer's and the seller's listeners. */
export function announceOrderChange(deps: Deps, caller: Caller, order: Order, action: string): void {
  deps.changes.publish([order.buyer.companyId, order.seller.companyId], {
    orderId: order.id,
    orderNumber: order.number,
    action,
    byCompanyId: caller.companyId,
    at: deps.now().toISOString(),
  });
}

/** Use case: listen to changes of the caller's company's orders (for as long as the caller stays). */
export function watchOrderChanges(deps: Deps, caller: Caller, listener: OrderChangeListener): () => void {
  requirePermission(caller.role, 'read');
  return deps.changes.subscribe(caller.companyId, listener);
}
