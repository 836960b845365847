// Use case: buyer or seller reopens agreed lines with a reason.
import type { Order } from '../../domain/order-types.ts';
import { actOnOrder, type ActOptions } from './act-on-order.ts';
import type { Caller, Deps } from '../deps.ts';

/** Reopens agreed lines; the seller answers them again. */
export const reopenLines = (
  deps: Deps,
  caller: Caller,
  orderId: string,
  lineIds: string[],
  reason: string,
  options?: ActOptions,
): Promise<Order> => actOnOrder(deps, caller, orderId, { type: 'reopen', lineIds, reason }, options);
