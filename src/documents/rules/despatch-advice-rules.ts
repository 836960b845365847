// Business rules of the Peppol Despatch Advice (T16, PEPPOL-T16-R…), in the official context order.
import { UBL_NS, contexts, has, msg, normSelf, num, rule } from '../rule-context.ts';
import type { Rule } from '../validation-types.ts';

const context = contexts({ ubl: UBL_NS.DespatchAdvice });
const CUSTOMIZATION = 'urn:fdc:peppol.eu:poacc:trns:despatch_advice:3';
const line = context('cac:DespatchLine');

const partyRule = (path: string, id: string, en: string, nl: string): Rule =>
  rule(
    context(path),
    id,
    'fatal',
    (el) =>
      has(el, 'cac:Party/cac:PartyName/cbc:Name') || has(el, 'cac:Party/cac:PartyIdentification/cbc:ID'),
    msg(
      `The ${en} needs a name (cac:PartyName/cbc:Name) or an identifier (cac:PartyIdentification/cbc:ID).`,
      `De ${nl} heeft een naam (cac:PartyName/cbc:Name) of een identificatie (cac:PartyIdentification/cbc:ID) nodig.`,
    ),
  );

/** PEPPOL-T16-R003…R011. */
export const T16_RULES: Rule[] = [
  rule(
    context('cbc:CustomizationID'),
    'PEPPOL-T16-R011',
    'fatal',
    (el) => normSelf(el).startsWith(CUSTOMIZATION),
    msg(
      `The specification identifier must start with "${CUSTOMIZATION}".`,
      `De specificatie-id moet beginnen met "${CUSTOMIZATION}".`,
    ),
  ),
  partyRule('cac:BuyerCustomerParty', 'PEPPOL-T16-R008', 'buyer', 'koper'),
  partyRule('cac:SellerSupplierParty', 'PEPPOL-T16-R009', 'seller', 'leverancier'),
  partyRule('cac:OriginatorCustomerParty', 'PEPPOL-T16-R010', 'originator', 'aanvrager'),
  rule(
    line,
    'PEPPOL-T16-R003',
    'fatal',
    (el) =>
      has(el, 'cac:Item/cac:StandardItemIdentification/cbc:ID') ||
      has(el, 'cac:Item/cac:SellersItemIdentification/cbc:ID'),
    msg(
      "Every despatched item needs the seller's item number (cac:SellersItemIdentification) or a standard item number such as a GTIN (cac:StandardItemIdentification).",
      'Elk verzonden artikel heeft het artikelnummer van de leverancier (cac:SellersItemIdentification) of een standaard artikelnummer zoals een GTIN (cac:StandardItemIdentification) nodig.',
    ),
  ),
  rule(
    line,
    'PEPPOL-T16-R004',
    'fatal',
    (el) => has(el, 'cac:Item/cbc:Name'),
    msg(
      'Every despatch line needs the item name (cac:Item/cbc:Name).',
      'Elke verzendregel heeft de artikelnaam nodig (cac:Item/cbc:Name).',
    ),
  ),
  rule(
    line,
    'PEPPOL-T16-R005',
    'warning',
    (el) => has(el, 'cbc:DeliveredQuantity'),
    msg(
      'Give the despatched quantity of this line (cbc:DeliveredQuantity).',
      'Geef de verzonden hoeveelheid van deze regel (cbc:DeliveredQuantity).',
    ),
  ),
  rule(
    line,
    'PEPPOL-T16-R006',
    'fatal',
    (el) => num(el, 'cbc:DeliveredQuantity') >= 0,
    msg(
      'The despatched quantity must be a number and must not be negative.',
      'De verzonden hoeveelheid moet een getal zijn en mag niet negatief zijn.',
    ),
  ),
  rule(
    line,
    'PEPPOL-T16-R007',
    'warning',
    (el) => !has(el, 'cbc:OutstandingQuantity') || has(el, 'cbc:OutstandingReason'),
    msg(
      'This line has a quantity still to come (cbc:OutstandingQuantity): say why in cbc:OutstandingReason.',
      'Deze regel heeft een nog te leveren hoeveelheid (cbc:OutstandingQuantity): vermeld de reden in cbc:OutstandingReason.',
    ),
  ),
];
