// Use case: the seller invoices an order; each line is three-way matched.
import type { InvoiceInput } from '../../domain/invoice-match.ts';
import type { Order } from '../../domain/order-types.ts';
import { invoiceIdOf } from '../../network/derived-id.ts';
import { actOnOrder, type ActOptions } from './act-on-order.ts';
import type { Caller, Deps } from '../deps.ts';

/**
 * Records and matches an invoice; mismatches become a task for the buyer. The invoice id is derived from
 * the order and the invoice number, so the buyer's node derives the same id from the Invoice it receives.
 */
export const submitInvoice = (
  deps: Deps,
  caller: Caller,
  orderId: string,
  invoice: InvoiceInput,
  options?: ActOptions,
): Promise<Order> =>
  actOnOrder(
    deps,
    caller,
    orderId,
    { type: 'invoice', invoiceId: invoiceIdOf(orderId, String(invoice.number ?? '')), invoice },
    options,
  );
