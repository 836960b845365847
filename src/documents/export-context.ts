// What a writer gets to turn an order's current state into a document: the order copy, both parties
// as the node knows them, the profile to write, and the few facts that live outside the order copy.
import type { OrderEvent } from '../domain/order-events.ts';
import type { Order } from '../domain/order-types.ts';
import type { Profile } from './ubl-vocabulary.ts';
import type { ExportParty } from './ubl-writing.ts';
import type { XmlElement } from './xml-tree.ts';

export interface ExportContext {
  order: Order;
  buyer: ExportParty;
  seller: ExportParty;
  profile: Profile;
  /** Issue date of documents that state "now" (responses, changes, receipts). */
  today: string;
  /** The order's history (which lines were added by a change, what was shipped in which despatch). */
  events: OrderEvent[];
  /** Which despatch or invoice to write (its number); the latest when absent. */
  ref?: string | undefined;
  /** VAT category and rate for invoices, which the order model does not carry (default S 21). */
  vat?: { category: string; percent: string } | undefined;
  /**
   * A ReceiptAdvice of only the goods receipt recorded at this instant (the change sent to a partner's
   * node), rather than everything received so far.
   */
  receiptAt?: string | undefined;
  /** The despatch date the seller recorded, when known. */
  despatchDate?: string | null | undefined;
  /**
   * The original document of the invoice being written, when the node received it as one: its postal
   * addresses and payment means (not part of the order model) are written again from it.
   */
  invoiceSource?: XmlElement | null | undefined;
}
