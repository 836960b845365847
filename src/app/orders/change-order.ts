// Use case: the buyer changes an order (add, change, cancel lines); the seller answers like a new order.
import type { ChangeInput } from '../../domain/order-negotiation.ts';
import type { Order } from '../../domain/order-types.ts';
import { actOnOrder, type ActOptions } from './act-on-order.ts';
import type { Caller, Deps } from '../deps.ts';

/** Applies a buyer's change to the order. */
export const changeOrder = (
  deps: Deps,
  caller: Caller,
  orderId: string,
  change: ChangeInput,
  options?: ActOptions,
): Promise<Order> => actOnOrder(deps, caller, orderId, { type: 'change', ...change }, options);
