// Use case: the seller answers order lines (accept, reject with reason, propose other terms).
import type { LineAnswer } from '../../domain/order-negotiation.ts';
import type { Order } from '../../domain/order-types.ts';
import { actOnOrder, type ActOptions } from './act-on-order.ts';
import type { Caller, Deps } from '../deps.ts';

/** Answers lines of an order in one round; other lines may be answered later. */
export const respondToLines = (
  deps: Deps,
  caller: Caller,
  orderId: string,
  answers: LineAnswer[],
  options?: ActOptions,
): Promise<Order> => actOnOrder(deps, caller, orderId, { type: 'respond', answers }, options);
