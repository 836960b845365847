// What a document says, read into Schakel's terms but not yet applied to an order: the readers produce
// these from UBL, the mappers turn them (with the order's current state) into use-case inputs.
import type { Decimal } from '../domain/decimal.ts';
import type { ItemInput, NewLineInput, NewOrderInput } from '../domain/order-create.ts';
import type { InvoicedItem } from '../domain/order-types.ts';
import type { PriceInput } from '../domain/terms.ts';
import type { PartyRef } from './party-reader.ts';
import type { FieldLocator } from './ubl-reading.ts';
import type { DocumentType, Profile } from './ubl-vocabulary.ts';

export interface DocumentHeader {
  documentType: DocumentType;
  profile: Profile;
  /** The document's own identifier (cbc:ID). */
  documentId: string;
  issueDate: string;
  /** The party that sends the document (its company must be the one that posts it). */
  sender: PartyRef;
  /** The party it is addressed to, when the document names one. */
  receiver: PartyRef | null;
  /** Translates domain field paths of the derived use-case input into XPaths of this document. */
  locate: FieldLocator;
}

/** How a changed order or an OrderChange treats one line. `auto`: compare with the order and change what differs. */
export type LineIntent = 'add' | 'change' | 'cancel' | 'none' | 'auto';

export interface ChangedLine {
  lineId: string;
  intent: LineIntent;
  /** The line's full content as sent; null for a cancellation without content. */
  line: NewLineInput | null;
  /** A cancelled line's own note (cac:OrderLine/cbc:Note): why this line is cancelled. */
  note?: string | null;
  /** XPath of the line, for messages. */
  path: string;
}

export interface OrderDocument extends DocumentHeader {
  documentType: 'Order';
  /** 'changed': an SCSN order with OrderType Changed, which re-sends every line of an existing order. */
  orderType: 'new' | 'changed';
  order: NewOrderInput;
  /** Per line, what a Changed order asks for (from SCSN's LineStatusCode). */
  changes: ChangedLine[];
}

export type ResponseCode = 'AP' | 'RE' | 'CA' | 'AB';

/** A delivery line as a response or agreement states it (promised dates). */
export interface DeliveryTerms {
  id: string | null;
  date: string | null;
  quantity: Decimal | null;
}

export interface ResponseLine {
  lineId: string;
  /** accepted (UNCL 1229 code 5, SCSN accepted), rejected (7), changed (3, SCSN revised), or a code Schakel cannot apply. */
  status: 'accepted' | 'rejected' | 'changed' | 'unsupported';
  /** The code as written, for messages. */
  code: string;
  note: string | null;
  quantity: Decimal | null;
  unitCode: string | null;
  price: PriceInput | null;
  deliveries: DeliveryTerms[];
  /** The item the seller offers instead (cac:SellerSubstitutedLineItem/cac:Item), null when none. */
  substitute: ItemInput | null;
  path: string;
}

export interface OrderResponseDocument extends DocumentHeader {
  documentType: 'OrderResponse' | 'OrderResponseAdvanced' | 'OrderAgreement';
  orderNumber: string;
  /** Header code (UNCL 4343 subset); null when the document states only line statuses. */
  responseCode: ResponseCode | null;
  note: string | null;
  /** A promised delivery date for the whole order (header cac:Delivery). */
  promisedDate: string | null;
  lines: ResponseLine[];
}

export interface OrderChangeDocument extends DocumentHeader {
  documentType: 'OrderChange';
  orderNumber: string;
  sequence: string | null;
  reason: string | null;
  changes: ChangedLine[];
}

export interface OrderCancellationDocument extends DocumentHeader {
  documentType: 'OrderCancellation';
  orderNumber: string;
  reason: string;
}

/** A quantity on an order line of a despatch, receipt or invoice. */
export interface OrderLineQuantity {
  orderNumber: string;
  lineId: string;
  quantity: Decimal;
  unitCode: string | null;
  path: string;
}

export interface DespatchAdviceDocument extends DocumentHeader {
  documentType: 'DespatchAdvice';
  despatchDate: string;
  /** The buyer as the document names it (to tell apart two buyers who used the same order number). */
  buyer: PartyRef | null;
  lines: OrderLineQuantity[];
}

export interface ReceiptLine extends OrderLineQuantity {
  rejected: Decimal;
  reason: string | null;
}

export interface ReceiptAdviceDocument extends DocumentHeader {
  documentType: 'ReceiptAdvice';
  seller: PartyRef | null;
  lines: ReceiptLine[];
}

export interface InvoiceLineRef {
  /** The order line (BT-132); null when the invoice line gives none. */
  lineId: string | null;
  /** The item as the line states it, for a line without an order line reference. */
  item: InvoicedItem | null;
  /** Negative for a credit line. */
  quantity: Decimal;
  unitCode: string | null;
  price: PriceInput;
  path: string;
}

export interface InvoiceDocument extends DocumentHeader {
  documentType: 'Invoice' | 'CreditNote';
  currency: string;
  /** The buyer's order number (cac:OrderReference, else cbc:BuyerReference). */
  orderNumber: string | null;
  /** Where the order number came from: BT-13, or the buyer reference BT-10 standing in for it. */
  orderNumberFrom: 'OrderReference' | 'BuyerReference' | null;
  /** Invoices a credit note corrects (cac:BillingReference). */
  creditedInvoices: string[];
  lines: InvoiceLineRef[];
  payable: Decimal | null;
}

export interface MessageLevelResponseDocument extends DocumentHeader {
  documentType: 'MessageLevelResponse';
  responseCode: string;
  /** The identifier of the document (or envelope) responded to. */
  referencedId: string;
  description: string | null;
  /** Line-level findings as the partner states them. */
  issues: { location: string; description: string }[];
}

export type ReadDocument =
  | OrderDocument
  | OrderResponseDocument
  | OrderChangeDocument
  | OrderCancellationDocument
  | DespatchAdviceDocument
  | ReceiptAdviceDocument
  | InvoiceDocument
  | MessageLevelResponseDocument;
