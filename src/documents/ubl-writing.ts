// Building blocks for the UBL documents Schakel writes: the root with its namespaces and header
// identifiers, parties (as much as each transaction allows), amounts and quantities. Element order
// follows the UBL 2.1 schemas.
import Big from 'big.js';
import { EAS_CODES } from '../domain/generated/eas-codes.ts';
import { ICD_CODES } from '../domain/generated/icd-codes.ts';
import type { Decimal } from '../domain/decimal.ts';
import type { Item, Price, ScheduleLine, StandardItemId } from '../domain/order-types.ts';
import {
  PEPPOL_IDS,
  ROOT_ELEMENT,
  rootNamespace,
  scsnCustomizationId,
  type DocumentType,
  type Profile,
} from './ubl-vocabulary.ts';
import { el, leaf, type XmlChild, type XmlNode } from './xml-writer.ts';

/** A party as the writer needs it: from the company record on this node (or the order's party info). */
export interface ExportParty {
  name: string;
  /** Identifiers, primary first. */
  identifiers: { scheme: string; value: string }[];
  city: string | null;
  country: string | null;
}

export type PartyPart =
  | 'EndpointID'
  | 'PartyIdentification'
  | 'PartyName'
  | 'PostalAddress'
  | 'PartyTaxScheme'
  | 'PartyLegalEntity';

export const ALL_PARTS: readonly PartyPart[] = [
  'EndpointID',
  'PartyIdentification',
  'PartyName',
  'PostalAddress',
  'PartyTaxScheme',
  'PartyLegalEntity',
];

/** A VAT number the party's identifiers carry (Peppol EAS 9944 is the Dutch VAT number). */
export const vatNumberOf = (p: ExportParty): string | null =>
  p.identifiers.find((i) => i.scheme === '9944')?.value ?? null;

/** cac:Party with the parts a transaction allows, in UBL order. */
export function partyElement(p: ExportParty, parts: readonly PartyPart[] = ALL_PARTS): XmlNode {
  const has = (part: PartyPart): boolean => parts.includes(part);
  const endpoint = p.identifiers.find((i) => EAS_CODES.has(i.scheme));
  const vat = vatNumberOf(p);
  return el(
    'cac:Party',
    {},
    has('EndpointID') && endpoint && el('cbc:EndpointID', { schemeID: endpoint.scheme }, endpoint.value),
    has('PartyIdentification') &&
      p.identifiers
        .filter((i) => ICD_CODES.has(i.scheme))
        .map((i) => el('cac:PartyIdentification', {}, el('cbc:ID', { schemeID: i.scheme }, i.value))),
    has('PartyName') && el('cac:PartyName', {}, el('cbc:Name', {}, p.name)),
    has('PostalAddress') &&
      p.country &&
      el(
        'cac:PostalAddress',
        {},
        leaf('cbc:CityName', p.city),
        el('cac:Country', {}, el('cbc:IdentificationCode', {}, p.country)),
      ),
    has('PartyTaxScheme') &&
      vat &&
      el(
        'cac:PartyTaxScheme',
        {},
        el('cbc:CompanyID', {}, vat),
        el('cac:TaxScheme', {}, el('cbc:ID', {}, 'VAT')),
      ),
    has('PartyLegalEntity') && el('cac:PartyLegalEntity', {}, el('cbc:RegistrationName', {}, p.name)),
  );
}

/** The root element with the UBL namespaces of `type`. */
export function rootElement(type: DocumentType, ...content: XmlChild[]): XmlNode {
  const name = ROOT_ELEMENT[type];
  return el(
    name,
    {
      xmlns: rootNamespace(name),
      'xmlns:cac': 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
      'xmlns:cbc': 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
    },
    ...content,
  );
}

/** CustomizationID and ProfileID of a document in a profile (plain UBL writes none). */
export function specificationIds(type: DocumentType, profile: Profile): XmlNode[] {
  if (profile === 'scsn') return [el('cbc:CustomizationID', {}, scsnCustomizationId(type))];
  const ids = profile === 'peppol' ? PEPPOL_IDS[type] : undefined;
  if (!ids) return [];
  return [el('cbc:CustomizationID', {}, ids.customization), el('cbc:ProfileID', {}, ids.profile)];
}

/** An amount with exactly two decimals (rounded half up), as EN 16931 and Peppol want amounts. */
export const money = (v: Decimal): string => new Big(v).round(2, Big.roundHalfUp).toFixed(2);

/** Line amount = quantity × price / base quantity, rounded to cents. */
export const lineAmount = (quantity: Decimal, price: Price): string =>
  money(new Big(quantity).times(price.amount).div(price.baseQuantity).toFixed());

/** Sum of amounts written with two decimals. */
export const sumMoney = (values: string[]): string =>
  values.reduce((acc, v) => acc.plus(v), new Big(0)).toFixed(2);

/** cac:Price: the unit price and, when not 1, the base quantity it is for (in the line's unit). */
export function priceElement(price: Price, currency: string, unitCode: string): XmlNode {
  return el(
    'cac:Price',
    {},
    el('cbc:PriceAmount', { currencyID: currency }, price.amount),
    el('cbc:BaseQuantity', { unitCode }, price.baseQuantity),
  );
}

/**
 * cac:StandardItemIdentification. Peppol and SCSN want an ISO 6523 ICD as schemeID (0160 GTIN): a number
 * under another scheme (only plain UBL documents bring those) is written to plain UBL only.
 */
export function standardItemElement(id: StandardItemId | null, profile: Profile): XmlNode | null {
  if (!id) return null;
  const icd = id.scheme !== null && ICD_CODES.has(id.scheme);
  if (!icd && profile !== 'ubl') return null;
  return el(
    'cac:StandardItemIdentification',
    {},
    el('cbc:ID', id.scheme ? { schemeID: id.scheme } : {}, id.value),
  );
}

/** Item name, description and item numbers (cac:Item), in UBL order. */
export function itemElement(
  item: Item,
  profile: Profile,
  options: { description?: boolean; buyersId?: boolean } = {},
): XmlNode {
  return el(
    'cac:Item',
    {},
    options.description !== false && leaf('cbc:Description', item.description),
    el('cbc:Name', {}, item.name),
    options.buyersId !== false &&
      item.buyerItemId &&
      el('cac:BuyersItemIdentification', {}, el('cbc:ID', {}, item.buyerItemId)),
    item.sellerItemId && el('cac:SellersItemIdentification', {}, el('cbc:ID', {}, item.sellerItemId)),
    standardItemElement(item.standardItemId, profile),
  );
}

/**
 * The one cac:Delivery of a Peppol line: the requested period from the first to the last date of the
 * schedule; none for a line requested without a delivery date (Peppol allows a line without a period).
 */
export function requestedPeriodDelivery(schedule: readonly ScheduleLine[]): XmlNode | null {
  const dates = schedule.flatMap((s) => (s.date === null ? [] : [s.date])).sort();
  const start = dates[0];
  const end = dates.at(-1);
  if (!start || !end) return null;
  return el(
    'cac:Delivery',
    {},
    el(
      'cac:RequestedDeliveryPeriod',
      {},
      start !== end && el('cbc:StartDate', {}, start),
      el('cbc:EndDate', {}, end),
    ),
  );
}
