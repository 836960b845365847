// What the formatted view of a UBL document shows, read from its original XML in the browser: the
// header (number, dates, references), the parties and the lines. It reads any document type by the UBL
// element names (namespace prefixes do not matter) and never interprets more than it shows: what
// Schakel did with the document is the node's business, this is only a readable rendering of the text.

/** One party of a document, e.g. the buyer (BuyerCustomerParty). */
export interface UblParty {
  /** The UBL element, e.g. BuyerCustomerParty, AccountingSupplierParty, SenderParty. */
  role: string;
  name: string | null;
  /** scheme:value, e.g. 0088:8719401000014. */
  identifiers: string[];
  place: string | null;
}

export interface UblQuantity {
  value: string;
  unitCode: string | null;
}

/** One line of a document (OrderLine, DespatchLine, InvoiceLine, …). */
export interface UblLine {
  id: string | null;
  /** The order line a despatch, receipt or invoice line refers to. */
  orderLineRef: string | null;
  item: string | null;
  description: string | null;
  buyersItemId: string | null;
  sellersItemId: string | null;
  quantity: UblQuantity | null;
  price: { amount: string; currency: string | null; baseQuantity: UblQuantity | null } | null;
  /** Requested and promised delivery dates, in document order. */
  dates: { kind: 'requested' | 'promised' | 'actual'; date: string }[];
  /** UNCL 1229 or SCSN line status, as written. */
  status: string | null;
  note: string | null;
}

export interface UblView {
  documentType: string;
  number: string | null;
  issueDate: string | null;
  dueDate: string | null;
  requestedDelivery: string | null;
  currency: string | null;
  /** The buyer's order a response, despatch, receipt or invoice refers to. */
  orderReference: string | null;
  /** UNCL 4343 response code of an order response or application response. */
  responseCode: string | null;
  notes: string[];
  parties: UblParty[];
  lines: UblLine[];
  total: { amount: string; currency: string | null } | null;
}

const LINE_ELEMENTS = new Set(['OrderLine', 'DespatchLine', 'ReceiptLine', 'InvoiceLine', 'CreditNoteLine']);
const QUANTITY_ELEMENTS = [
  'Quantity',
  'DeliveredQuantity',
  'ReceivedQuantity',
  'InvoicedQuantity',
  'CreditedQuantity',
];

const children = (el: Element | null | undefined, name: string): Element[] =>
  el ? Array.from(el.children).filter((c) => c.localName === name) : [];

/** The first element along a path of local names, e.g. child(el, 'Item', 'Name'). */
function child(el: Element | null | undefined, ...path: string[]): Element | null {
  let current: Element | null = el ?? null;
  for (const name of path) {
    current = children(current, name)[0] ?? null;
    if (!current) return null;
  }
  return current;
}

function textOf(el: Element | null | undefined, ...path: string[]): string | null {
  const t = child(el, ...path)?.textContent?.trim();
  return t ? t : null;
}

function quantity(el: Element | null): UblQuantity | null {
  const value = el?.textContent?.trim();
  return el && value ? { value, unitCode: el.getAttribute('unitCode') } : null;
}

function party(role: string, el: Element): UblParty {
  // Most roles wrap a cac:Party; SenderParty and ReceiverParty are parties themselves.
  const p = child(el, 'Party') ?? el;
  const identifiers: string[] = [];
  for (const id of [
    child(p, 'EndpointID'),
    ...children(p, 'PartyIdentification').map((pi) => child(pi, 'ID')),
  ]) {
    const value = id?.textContent?.trim();
    if (!id || !value) continue;
    const scheme = id.getAttribute('schemeID');
    const text = scheme ? `${scheme}:${value}` : value;
    if (!identifiers.includes(text)) identifiers.push(text);
  }
  const city = textOf(p, 'PostalAddress', 'CityName');
  const country = textOf(p, 'PostalAddress', 'Country', 'IdentificationCode');
  return {
    role,
    name:
      textOf(p, 'PartyName', 'Name') ??
      textOf(p, 'PartyLegalEntity', 'RegistrationName') ??
      textOf(el, 'DeliveryParty', 'PartyName', 'Name'),
    identifiers,
    place: [city, country].filter(Boolean).join(', ') || null,
  };
}

function lineDates(base: Element): UblLine['dates'] {
  const dates: UblLine['dates'] = [];
  for (const d of children(base, 'Delivery')) {
    const requested =
      textOf(d, 'RequestedDeliveryPeriod', 'EndDate') ?? textOf(d, 'RequestedDeliveryPeriod', 'StartDate');
    if (requested) dates.push({ kind: 'requested', date: requested });
    const promised =
      textOf(d, 'PromisedDeliveryPeriod', 'EndDate') ?? textOf(d, 'PromisedDeliveryPeriod', 'StartDate');
    if (promised) dates.push({ kind: 'promised', date: promised });
    const actual = textOf(d, 'ActualDeliveryDate');
    if (actual) dates.push({ kind: 'actual', date: actual });
  }
  return dates;
}

function line(el: Element): UblLine {
  // An order line keeps its content in cac:LineItem; the other line types carry it directly.
  const base = child(el, 'LineItem') ?? el;
  const priceEl = child(base, 'Price');
  const amount = textOf(priceEl, 'PriceAmount');
  const quantityEl = QUANTITY_ELEMENTS.map((n) => child(base, n)).find((q) => q !== null) ?? null;
  return {
    id: textOf(base, 'ID'),
    orderLineRef: textOf(el, 'OrderLineReference', 'LineID'),
    item: textOf(base, 'Item', 'Name'),
    description: textOf(base, 'Item', 'Description'),
    buyersItemId: textOf(base, 'Item', 'BuyersItemIdentification', 'ID'),
    sellersItemId: textOf(base, 'Item', 'SellersItemIdentification', 'ID'),
    quantity: quantity(quantityEl),
    price: amount
      ? {
          amount,
          currency: child(priceEl, 'PriceAmount')?.getAttribute('currencyID') ?? null,
          baseQuantity: quantity(child(priceEl, 'BaseQuantity')),
        }
      : null,
    dates: lineDates(base),
    status: textOf(base, 'LineStatusCode'),
    note: textOf(el, 'Note') ?? textOf(base, 'Note'),
  };
}

/** Reads the view of a UBL document; null when the text is not well-formed XML. */
export function readUblView(xml: string): UblView | null {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return null;
  const root = doc.documentElement;
  const elements = Array.from(root.children);
  const totalEl =
    child(root, 'LegalMonetaryTotal', 'PayableAmount') ??
    child(root, 'AnticipatedMonetaryTotal', 'PayableAmount');
  return {
    documentType: root.localName,
    number: textOf(root, 'ID'),
    issueDate: textOf(root, 'IssueDate'),
    dueDate: textOf(root, 'DueDate') ?? textOf(root, 'PaymentMeans', 'PaymentDueDate'),
    requestedDelivery:
      textOf(root, 'Delivery', 'RequestedDeliveryPeriod', 'EndDate') ??
      textOf(root, 'Delivery', 'RequestedDeliveryPeriod', 'StartDate'),
    currency: textOf(root, 'DocumentCurrencyCode'),
    orderReference: textOf(root, 'OrderReference', 'ID'),
    responseCode:
      textOf(root, 'OrderResponseCode') ?? textOf(root, 'DocumentResponse', 'Response', 'ResponseCode'),
    notes: children(root, 'Note')
      .map((n) => n.textContent?.trim() ?? '')
      .filter(Boolean),
    parties: elements.filter((e) => /Party$/.test(e.localName)).map((e) => party(e.localName, e)),
    lines: elements.filter((e) => LINE_ELEMENTS.has(e.localName)).map(line),
    total: totalEl?.textContent?.trim()
      ? { amount: totalEl.textContent.trim(), currency: totalEl.getAttribute('currencyID') }
      : null,
  };
}
