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

export type InvoiceMatchReason = 'price_differs' | 'quantity_exceeds_received' | 'line_not_agreed';

export interface InvoiceLine {
  lineId: string;
  quantity: Decimal;
  price: Price;
  /** Line amount = quantity × price.amount / price.baseQuantity, rounded to cents. */
  amount: Decimal;
  match: 'matched' | 'mismatch';
  reasons: InvoiceMatchReason[];
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
