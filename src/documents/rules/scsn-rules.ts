// SCSN business rules (Smart Connected Supplier Network, the Dutch manufacturing order standard).
// SCSN publishes its message definitions (UBL based) but no machine-readable rule set that we could
// find, so these rules are Schakel's rendering of SCSN's documented conventions, with Schakel ids:
//   SCSN-R001  every line has a line number that is unique within the document
//   SCSN-R002  a line is delivered to one location (split the line for a second location)
//   SCSN-R003  an order response gives a promised delivery date for every line it does not reject
//   SCSN-R004  an order response gives a status for every line
// They apply when the profile is 'scsn' (see document-profile.ts for how SCSN is recognised).
import { UBL_NS, contexts, has, msg, rule, sel } from '../rule-context.ts';
import type { Rule } from '../validation-types.ts';
import { normalizeSpace, qname, stringValue, type XmlElement } from '../xml-tree.ts';

const context = contexts();

/** Line elements whose cbc:ID must be unique among their own kind. */
const lines = context(
  'cac:OrderLine/cac:LineItem | cac:DespatchLine | cac:ReceiptLine | cac:InvoiceLine | cac:CreditNoteLine',
);
const inResponse = (el: XmlElement): boolean => {
  let root = el;
  while (root.parent) root = root.parent;
  return root.ns === UBL_NS.OrderResponse && root.name === 'OrderResponse';
};
const responseLine = context('cac:OrderLine/cac:LineItem', inResponse);

const lineId = (el: XmlElement): string => {
  const id = sel(el, 'cbc:ID')[0];
  return id ? normalizeSpace(stringValue(id)) : '';
};
/** The lines of the same kind in the document (LineItems of all order lines, or sibling lines). */
function sameKind(el: XmlElement): XmlElement[] {
  if (el.name === 'LineItem')
    return el.parent!.parent!.children.flatMap((ol) =>
      ol.name === 'OrderLine' ? sel(ol, 'cac:LineItem') : [],
    );
  return el.parent!.children.filter((c) => c.ns === el.ns && c.name === el.name);
}

/** A delivery location's identity: its identifier, or else its address as text. */
function locationKey(loc: XmlElement): string {
  const id = sel(loc, 'cbc:ID')[0];
  if (id) return `id:${id.attrs.schemeID ?? ''}:${normalizeSpace(stringValue(id))}`;
  const address = sel(loc, 'cac:Address')[0];
  return `address:${address ? normalizeSpace(stringValue(address)) : normalizeSpace(stringValue(loc))}`;
}

/** Line statuses that reject a line: no delivery date is promised for those. */
const REJECTED = new Set(['7', 'RE', 'REJECTED', 'NOT ACCEPTED']);
const lineStatus = (el: XmlElement): string => {
  const s = sel(el, 'cbc:LineStatusCode')[0];
  return s ? normalizeSpace(stringValue(s)).toUpperCase() : '';
};

/** SCSN-R001 and R002 (every line). */
export const SCSN_LINE_RULES: Rule[] = [
  rule(
    lines,
    'SCSN-R001',
    'fatal',
    (el) => {
      const id = lineId(el);
      return id !== '' && sameKind(el).filter((other) => lineId(other) === id).length === 1;
    },
    (el) =>
      lineId(el) === ''
        ? msg(
            `This ${qname(el)} has no line number. Give every line a number (cbc:ID) so that responses, deliveries and invoices can refer to it.`,
            `Deze ${qname(el)} heeft geen regelnummer. Geef elke regel een nummer (cbc:ID) zodat bevestigingen, leveringen en facturen ernaar kunnen verwijzen.`,
          )
        : msg(
            `Line number "${lineId(el)}" is used more than once. Give every line its own number.`,
            `Regelnummer "${lineId(el)}" komt meer dan eens voor. Geef elke regel een eigen nummer.`,
          ),
  ),
  rule(
    lines,
    'SCSN-R002',
    'fatal',
    (el) => new Set(sel(el, 'cac:Delivery/cac:DeliveryLocation').map(locationKey)).size <= 1,
    msg(
      'This line is delivered to more than one location. In SCSN a line goes to one location: split it into one line per location.',
      'Deze regel wordt op meer dan één locatie afgeleverd. In SCSN gaat een regel naar één locatie: splits hem in een regel per locatie.',
    ),
  ),
];

/** SCSN-R003 and R004 (order response lines); a separate pattern, as these contexts overlap the line rules'. */
export const SCSN_RESPONSE_RULES: Rule[] = [
  rule(
    responseLine,
    'SCSN-R003',
    'fatal',
    (el) =>
      REJECTED.has(lineStatus(el)) ||
      sel(el, 'cac:Delivery/cac:PromisedDeliveryPeriod').some(
        (p) => has(p, 'cbc:StartDate') || has(p, 'cbc:EndDate'),
      ),
    msg(
      'Give the promised delivery date for this line (cac:Delivery/cac:PromisedDeliveryPeriod/cbc:EndDate); SCSN requires it for every line that is not rejected.',
      'Geef de toegezegde leverdatum van deze regel (cac:Delivery/cac:PromisedDeliveryPeriod/cbc:EndDate); SCSN vereist die voor elke regel die niet wordt afgewezen.',
    ),
  ),
  rule(
    responseLine,
    'SCSN-R004',
    'fatal',
    (el) => lineStatus(el) !== '',
    msg(
      'Give the status of this line (cbc:LineStatusCode), e.g. accepted, changed or rejected; SCSN requires it in every response line.',
      'Geef de status van deze regel (cbc:LineStatusCode), bijv. geaccepteerd, gewijzigd of afgewezen; SCSN vereist die op elke antwoordregel.',
    ),
  ),
];
