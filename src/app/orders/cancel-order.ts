// Use case: the buyer cancels an order; lines with shipments stay.
import type { Order } from '../../domain/order-types.ts';
import { actOnOrder, type ActOptions } from './act-on-order.ts';
import type { Caller, Deps } from '../deps.ts';

/** Cancels every line that can still be cancelled, with a reason. */
export const cancelOrder = (
  deps: Deps,
  caller: Caller,
  orderId: string,
  reason: string,
  options?: ActOptions,
): Promise<Order> => actOnOrder(deps, caller, orderId, { type: 'cancel', reason }, options);
