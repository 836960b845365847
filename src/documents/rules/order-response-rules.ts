// Business rules of the Peppol Order Response (T76, PEPPOL-T76-R…) and Order Response Advanced
// (T116, PEPPOL-T116-R…): the same rules under two identifiers, in the official context order.
import { UBL_NS, contexts, has, msg, normSelf, rule, sel } from '../rule-context.ts';
import type { DocumentScope, Rule } from '../validation-types.ts';
import { stringValue, type XmlElement } from '../xml-tree.ts';
import { lineIdCount } from './order-rules.ts';

interface ResponseVariant {
  tx: 'T76' | 'T116';
  customization: string;
  /** T116 lists the response code rules before the line rule; the order does not change verdicts. */
  codeBeforeLines: boolean;
}

/** "(EndDate) >= (StartDate)" on untyped values: a string comparison, true when some pair satisfies it. */
function endNotBeforeStart(period: XmlElement): boolean {
  const ends = sel(period, 'cbc:EndDate').map(stringValue);
  const starts = sel(period, 'cbc:StartDate').map(stringValue);
  return ends.some((e) => starts.some((s) => e >= s));
}

function responseRules(v: ResponseVariant): Rule[] {
  const context = contexts({ ubl: UBL_NS.OrderResponse });
  const id = (n: string): string => `PEPPOL-${v.tx}-${n}`;
  const docCurrency = (doc: DocumentScope): string[] =>
    doc.memo('document currency', () =>
      doc.root.ns === UBL_NS.OrderResponse && doc.root.name === 'OrderResponse'
        ? sel(doc.root, 'cbc:DocumentCurrencyCode').map(stringValue)
        : [],
    );

  const responseCode = context('cbc:OrderResponseCode');
  const lines = (el: XmlElement): number => sel(el, '../cac:OrderLine').length;
  const codeRule = (n: string, code: string, needsLines: boolean, en: string, nl: string): Rule =>
    rule(
      responseCode,
      id(n),
      'fatal',
      (el) => normSelf(el) !== code || (needsLines ? lines(el) > 0 : lines(el) === 0),
      msg(en, nl),
    );
  const codeRules = [
    codeRule(
      'R007',
      'CA',
      true,
      'A response with code CA (accepted with changes) must include the order lines that change.',
      'Een antwoord met code CA (geaccepteerd met wijzigingen) moet de gewijzigde orderregels bevatten.',
    ),
    codeRule(
      'R008',
      'AP',
      false,
      'A response with code AP (accepted) must not include order lines. Leave the lines out, or use code CA if lines change.',
      'Een antwoord met code AP (geaccepteerd) mag geen orderregels bevatten. Laat de regels weg, of gebruik code CA als er regels wijzigen.',
    ),
    codeRule(
      'R009',
      'RE',
      false,
      'A response with code RE (rejected) must not include order lines. Leave the lines out.',
      'Een antwoord met code RE (afgewezen) mag geen orderregels bevatten. Laat de regels weg.',
    ),
    codeRule(
      'R010',
      'AB',
      false,
      'A response with code AB (received) must not include order lines. Leave the lines out.',
      'Een antwoord met code AB (ontvangen) mag geen orderregels bevatten. Laat de regels weg.',
    ),
  ];
  const lineRules = [
    rule(
      context('cac:OrderLine/cac:LineItem'),
      id('R003'),
      'fatal',
      (el, doc) => lineIdCount(el, doc) === 1,
      msg(
        'Every response line needs its own line number: this one is missing or used more than once.',
        'Elke antwoordregel heeft een eigen regelnummer nodig: dit nummer ontbreekt of komt meer dan eens voor.',
      ),
    ),
  ];
  const party = (path: string, n: string, en: string, nl: string): Rule =>
    rule(
      context(path),
      id(n),
      'fatal',
      (el) =>
        has(el, 'cac:PartyLegalEntity/cbc:RegistrationName') || has(el, 'cac:PartyIdentification/cbc:ID'),
      msg(
        `The ${en} needs a registered name (cac:PartyLegalEntity/cbc:RegistrationName) or an identifier (cac:PartyIdentification/cbc:ID).`,
        `De ${nl} heeft een statutaire naam (cac:PartyLegalEntity/cbc:RegistrationName) of een identificatie (cac:PartyIdentification/cbc:ID) nodig.`,
      ),
    );

  return [
    rule(
      context('cbc:CustomizationID'),
      id('R006'),
      'fatal',
      (el) => normSelf(el).startsWith(v.customization),
      msg(
        `The specification identifier must start with "${v.customization}".`,
        `De specificatie-id moet beginnen met "${v.customization}".`,
      ),
    ),
    rule(
      context('cbc:PriceAmount'),
      id('R005'),
      'fatal',
      (el, doc) => el.attrs.currencyID !== undefined && docCurrency(doc).includes(el.attrs.currencyID),
      (el, doc) =>
        msg(
          `This price is in ${el.attrs.currencyID ?? '(no currency)'}, but the response is in ${docCurrency(doc).join('/') || '(no currency given)'}. Give every price in the document currency.`,
          `Deze prijs staat in ${el.attrs.currencyID ?? '(geen valuta)'}, maar het antwoord is in ${docCurrency(doc).join('/') || '(geen valuta opgegeven)'}. Geef elke prijs in de valuta van het document.`,
        ),
    ),
    party('cac:BuyerCustomerParty/cac:Party', 'R001', 'buyer', 'koper'),
    party('cac:SellerSupplierParty/cac:Party', 'R002', 'seller', 'leverancier'),
    rule(
      context('cac:PromisedDeliveryPeriod | cac:OrderLine/cac:LineItem/cac:PromisedDeliveryPeriod'),
      id('R004'),
      'fatal',
      (el) => !has(el, 'cbc:StartDate') || !has(el, 'cbc:EndDate') || endNotBeforeStart(el),
      msg(
        'The promised delivery period ends before it starts. Make the end date the same as or later than the start date.',
        'De toegezegde leverperiode eindigt voordat hij begint. Maak de einddatum gelijk aan of later dan de begindatum.',
      ),
    ),
    ...(v.codeBeforeLines ? [...codeRules, ...lineRules] : [...lineRules, ...codeRules]),
  ];
}

/** PEPPOL-T76-R… (Order Response). */
export const T76_RULES: Rule[] = responseRules({
  tx: 'T76',
  customization: 'urn:fdc:peppol.eu:poacc:trns:order_response:3',
  codeBeforeLines: false,
});

/** PEPPOL-T116-R… (Order Response Advanced). */
export const T116_RULES: Rule[] = responseRules({
  tx: 'T116',
  customization: 'urn:fdc:peppol.eu:poacc:trns:order_response_advanced:3',
  codeBeforeLines: true,
});
