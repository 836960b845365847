// Use case: the buyer approves or disputes a mismatching invoice.
import type { Order } from '../../domain/order-types.ts';
import { actOnOrder, type ActOptions } from './act-on-order.ts';
import type { Caller, Deps } from '../deps.ts';

/** Settles an invoice mismatch with a person's decision and reason. */
export const decideInvoice = (
  deps: Deps,
  caller: Caller,
  orderId: string,
  invoiceId: string,
  decision: 'approve' | 'dispute',
  reason: string,
  options?: ActOptions,
): Promise<Order> =>
  actOnOrder(deps, caller, orderId, { type: 'decideInvoice', invoiceId, decision, reason }, options);
