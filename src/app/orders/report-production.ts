// Use case: the seller reports produced quantities per delivery line.
import type { ProductionInput } from '../../domain/order-logistics.ts';
import type { Order } from '../../domain/order-types.ts';
import { actOnOrder, type ActOptions } from './act-on-order.ts';
import type { Caller, Deps } from '../deps.ts';

/** Records cumulative produced quantities. */
export const reportProduction = (
  deps: Deps,
  caller: Caller,
  orderId: string,
  lines: ProductionInput[],
  options?: ActOptions,
): Promise<Order> => actOnOrder(deps, caller, orderId, { type: 'reportProduction', lines }, options);
