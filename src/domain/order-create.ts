// Issuing a purchase order: validates the buyer's input into an Order (the buyer's copy).
import { parseCurrency, parseDate, parseUnitCode } from './codes.ts';
import { DomainError, invalid } from './errors.ts';
import type { NewOrderEvent } from './order-events.ts';
import type { DeliveryLocation, Item, Order, OrderLine, PartyInfo, StandardItemId } from './order-types.ts';
import { emptyProgress } from './line-quantities.ts';
import { parseTerms, type TermsInput } from './terms.ts';

export interface StandardItemIdInput {
  scheme?: string | null | undefined;
  value: string;
}

export interface ItemInput {
  buyerItemId?: string | null | undefined;
  sellerItemId?: string | null | undefined;
  standardItemId?: StandardItemIdInput | null | undefined;
  name: string;
  description?: string | null | undefined;
}

export interface NewLineInput extends TermsInput {
  lineId: string;
  item: ItemInput;
  unitCode: string;
  note?: string | null | undefined;
}

export interface NewOrderInput {
  number: string;
  issueDate: string;
  currency: string;
  deliveryLocation?: Partial<DeliveryLocation> | null | undefined;
  note?: string | null | undefined;
  lines: NewLineInput[];
}

const text = (v: string | null | undefined): string | null => (v && v.trim() ? v.trim() : null);

/**
 * Validates a standard item number's form. The GTIN check digit is not checked here: partners' documents
 * are accepted as the official Peppol validators accept them (they do not check it, and the official
 * examples carry made-up GTINs); people's input is checked at the API with `gtinProblem`.
 */
export function parseStandardItemId(
  input: StandardItemIdInput | null | undefined,
  field: string,
): StandardItemId | null {
  if (!input) return null;
  const value = text(input.value);
  if (!value) throw invalid(`${field}.value`, `${field}.value is required`);
  if (value.length > 100 || /\s/.test(value))
    throw invalid(`${field}.value`, `${field}.value must be 1–100 characters without spaces`);
  const scheme = text(input.scheme);
  if (scheme && (scheme.length > 35 || /\s/.test(scheme)))
    throw invalid(`${field}.scheme`, `${field}.scheme must be 1–35 characters without spaces, e.g. 0160`);
  return { scheme, value };
}

/** Validates an item: a name, optional item numbers. */
export function parseItem(input: ItemInput, field: string): Item {
  const name = input.name?.trim();
  if (!name) throw invalid(`${field}.name`, `${field}.name is required`);
  return {
    buyerItemId: text(input.buyerItemId),
    sellerItemId: text(input.sellerItemId),
    standardItemId: parseStandardItemId(input.standardItemId, `${field}.standardItemId`),
    name,
    description: text(input.description),
  };
}

/** Validates one new line; `field` is its JSON path for errors. */
export function parseNewLine(input: NewLineInput, field: string, now: string): OrderLine {
  const lineId = input.lineId?.trim();
  if (!lineId || !/^[\w.\-/]{1,35}$/.test(lineId)) {
    throw invalid(
      `${field}.lineId`,
      `${field}.lineId must be 1–35 letters, digits or . - / _ (got ${JSON.stringify(input.lineId)})`,
    );
  }
  return {
    lineId,
    state: 'open',
    stateSince: now,
    item: parseItem(input.item ?? { name: '' }, `${field}.item`),
    unitCode: parseUnitCode(input.unitCode, `${field}.unitCode`),
    // Peppol lets a line go without a requested delivery date; the seller's answer then promises one.
    requested: parseTerms(input, field, true),
    agreed: null,
    proposal: null,
    reason: null,
    progress: {},
    invoiced: '0',
    note: text(input.note),
  };
}

/** Builds the buyer's copy of a new order with its 'order.issued' event. */
export function createOrder(
  input: NewOrderInput,
  ids: { orderId: string; buyer: PartyInfo; seller: PartyInfo },
  now: string,
): { order: Order; events: NewOrderEvent[] } {
  const number = input.number?.trim();
  if (!number || number.length > 50) throw invalid('number', 'number is required (at most 50 characters)');
  if (ids.buyer.companyId === ids.seller.companyId)
    throw invalid('seller', 'the seller must be another company than the buyer');
  if (!Array.isArray(input.lines) || input.lines.length === 0)
    throw invalid('lines', 'an order needs at least one line');
  if (input.lines.length > 5000) throw invalid('lines', 'an order has at most 5000 lines');
  const lines = input.lines.map((l, i) => parseNewLine(l, `lines[${i}]`, now));
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    if (seen.has(l.lineId))
      throw invalid(`lines[${i}].lineId`, `line id ${l.lineId} is used twice in this order`);
    seen.add(l.lineId);
  });
  const loc = input.deliveryLocation;
  const order: Order = {
    id: ids.orderId,
    companyId: ids.buyer.companyId,
    role: 'buyer',
    number,
    issueDate: parseDate(input.issueDate, 'issueDate'),
    currency: parseCurrency(input.currency),
    buyer: ids.buyer,
    seller: ids.seller,
    deliveryLocation: loc
      ? { name: text(loc.name), identifier: text(loc.identifier), address: text(loc.address) }
      : null,
    note: text(input.note),
    version: 1,
    createdAt: now,
    updatedAt: now,
    lines,
    invoices: [],
  };
  return {
    order,
    events: [{ type: 'order.issued', lineId: null, data: { number, lines: lines.length }, reason: null }],
  };
}

/** The partner's copy of an order: same content, other owner and role. */
export function mirrorFor(order: Order, role: 'buyer' | 'seller'): Order {
  const owner = role === 'buyer' ? order.buyer : order.seller;
  return { ...structuredClone(order), companyId: owner.companyId, role, version: 1 };
}

export { emptyProgress };

/** Finds a line or throws a not-found error naming the order. */
export function findLine(order: Order, lineId: string): OrderLine {
  const line = order.lines.find((l) => l.lineId === lineId);
  if (!line)
    throw new DomainError('not_found', `order ${order.number} has no line ${lineId}`, {
      field: 'lineId',
      lineId,
    });
  return line;
}
