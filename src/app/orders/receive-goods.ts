// Use case: the buyer records received and rejected quantities.
import type { ReceiptInput } from '../../domain/order-logistics.ts';
import type { Order } from '../../domain/order-types.ts';
import { actOnOrder, type ActOptions } from './act-on-order.ts';
import type { Caller, Deps } from '../deps.ts';

/** Records a goods receipt against shipped quantities. */
export const receiveGoods = (
  deps: Deps,
  caller: Caller,
  orderId: string,
  lines: ReceiptInput[],
  options?: ActOptions,
): Promise<Order> => actOnOrder(deps, caller, orderId, { type: 'receive', lines }, options);
