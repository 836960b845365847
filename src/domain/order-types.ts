// The order model. Each company keeps its own copy of an order (data sovereignty): the buyer's copy
// has role 'buyer', the seller's copy role 'seller'; both share the order id and converge because
// both apply the same actions. Facts live on lines; the order status is derived (order-status.ts).
import type { Decimal } from './decimal.ts';

export type Role = 'buyer' | 'seller';

/** Agreement state of a line; logistics progress is derived from quantities, not stored as state. */
export type LineState = 'open' | 'proposed' | 'agreed' | 'rejected' | 'changed' | 'reopened' | 'cancelled';

export const LINE_STATES: readonly LineState[] = [
  'open',
  'proposed',
  'agreed',
  'rejected',
  'changed',
  'reopened',
  'cancelled',
];

/** Unit price per base quantity: 12.50 EUR per 100 pieces is {amount: "12.5", baseQuantity: "100"}. */
export interface Price {
  amount: Decimal;
  baseQuantity: Decimal;
}

/**
 * One delivery line: a date and the quantity due that day. The date is null only in what the buyer
 * requests (Peppol lets an order line go without a delivery period, e.g. a consignment order); what is
 * proposed or agreed always has a date.
 */
export interface ScheduleLine {
  id: string;
  date: string | null;
  quantity: Decimal;
}

/** What is asked, proposed or agreed for a line. quantity always equals the schedule's sum. */
export interface Terms {
  quantity: Decimal;
  price: Price;
  schedule: ScheduleLine[];
}

/**
 * A standard item number (cac:StandardItemIdentification): `scheme` is the ISO 6523 ICD of the numbering
 * system (0160 GTIN), null when the sender named none.
 */
export interface StandardItemId {
  scheme: string | null;
  value: string;
}

export interface Item {
  buyerItemId: string | null;
  sellerItemId: string | null;
  standardItemId: StandardItemId | null;
  name: string;
  description: string | null;
}

export interface Proposal {
  terms: Terms;
  note: string | null;
  proposedAt: string;
  /**
   * The item the seller offers instead of the ordered one (Peppol cac:SellerSubstitutedLineItem); absent
   * when the proposal keeps the item. Optional so that proposals stored before it need no migration.
   */
  substitute?: Item | undefined;
}

/** Logistics facts per delivery line (keyed by ScheduleLine.id). */
export interface DeliveryProgress {
  produced: Decimal;
  shipped: Decimal;
  received: Decimal;
  rejected: Decimal;
}

export interface OrderLine {
  lineId: string;
  state: LineState;
  /** When the line entered its current state (ISO timestamp); drives "overdue" tasks. */
  stateSince: string;
  item: Item;
  unitCode: string;
  requested: Terms;
  agreed: Terms | null;
  proposal: Proposal | null;
  /** Reason given with the last rejection, reopening or cancellation. */
  reason: string | null;
  progress: Record<string, DeliveryProgress>;
  invoiced: Decimal;
  note: string | null;
}

export interface PartyInfo {
  companyId: string;
  name: string;
  /** Primary identifier, `scheme:value`. */
  identifier: string;
}

export interface DeliveryLocation {
  name: string | null;
  identifier: string | null;
  address: string | null;
}

export type InvoiceMatchReason =
  | 'price_differs'
  | 'quantity_exceeds_received'
  | 'line_not_agreed'
  /** A credit (negative quantity) larger than what was invoiced on the order line so far. */
  | 'credit_exceeds_invoiced'
  /** The invoice line names no order line and no order line has its item. */
  | 'no_order_line'
  /** The invoice line names no order line and several order lines have its item. */
  | 'order_line_ambiguous';

/** How an invoice line without an order line reference (BT-132) identified its item. */
export interface InvoicedItem {
  name: string | null;
  sellerItemId: string | null;
  buyerItemId: string | null;
  /** Standard item identifier (BT-157), e.g. a GTIN with scheme 0160. */
  standardItemId: { value: string; scheme: string | null } | null;
  /** The invoiced quantity's unit, kept for a line that matches no order line. */
  unitCode: string | null;
}

/** Which item number found the order line for an invoice line without an order line reference. */
export type InvoiceLineMatchKey = 'seller_item' | 'standard_item' | 'buyer_item';

export interface InvoiceLine {
  /** The order line billed; null when the invoice line matches no order line unambiguously. */
  lineId: string | null;
  /** Negative for a credit line (EN 16931 allows negative invoiced quantities). */
  quantity: Decimal;
  price: Price;
  /** Line amount = quantity × price.amount / price.baseQuantity, rounded to cents. */
  amount: Decimal;
  match: 'matched' | 'mismatch';
  reasons: InvoiceMatchReason[];
  /** Present when the invoice line gave no order line reference: the item as the invoice states it. */
  item?: InvoicedItem;
  /** Present when such a line was matched: the item number that found the order line. */
  matchedBy?: InvoiceLineMatchKey;
  /** Present when such a line matched several order lines: their line ids. */
  candidates?: string[];
}

/** matched: every line matched; mismatch: waits for a person; approved/disputed: that person's decision. */
export type InvoiceStatus = 'matched' | 'mismatch' | 'approved' | 'disputed';

export interface Invoice {
  id: string;
  number: string;
  issueDate: string;
  lines: InvoiceLine[];
  total: Decimal;
  status: InvoiceStatus;
  decisionReason: string | null;
}

export interface Order {
  id: string;
  /** Owner of this copy. */
  companyId: string;
  role: Role;
  number: string;
  issueDate: string;
  currency: string;
  buyer: PartyInfo;
  seller: PartyInfo;
  deliveryLocation: DeliveryLocation | null;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  lines: OrderLine[];
  invoices: Invoice[];
}

/** The other side of an order copy. */
export const partnerOf = (order: Order): PartyInfo => (order.role === 'buyer' ? order.seller : order.buyer);
