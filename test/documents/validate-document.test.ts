// Unit tests of the validator per rule family, on Schakel's own small fixtures: each family has a
// passing case (the fixture as is) and failing cases that assert the rule id, severity and location.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDocument, type ValidationResult } from '../../src/documents/validate-document.ts';

const fixture = (name: string): string =>
  readFileSync(join(import.meta.dirname, 'fixtures', 'validation', name), 'utf8');
const ORDER = fixture('order-t01.xml');
const RESPONSE = fixture('order-response-t76.xml');
const INVOICE = fixture('invoice.xml');
const SCSN_RESPONSE = fixture('order-response-scsn.xml');

/** Replaces text that must occur in the fixture (so that a changed fixture fails loudly). */
function edit(xml: string, from: string | RegExp, to: string): string {
  const changed = xml.replace(from, to);
  expect(changed, `fixture should contain ${String(from)}`).not.toBe(xml);
  return changed;
}

/** The findings of one rule as "severity@location". */
const found = (result: ValidationResult, rule: string): string[] =>
  result.findings.filter((f) => f.rule === rule).map((f) => `${f.severity}@${f.location}`);

describe('own fixtures', () => {
  it.each([
    ['order-t01.xml', 'Order', 'peppol-t01'],
    ['order-response-t76.xml', 'OrderResponse', 'peppol-t76'],
    ['invoice.xml', 'Invoice', 'peppol-billing'],
    ['order-response-scsn.xml', 'OrderResponse', 'scsn'],
  ])('%s is a valid %s under %s without any finding', (file, type, profile) => {
    const r = validateDocument(fixture(file));
    expect(r).toMatchObject({ documentType: type, profile, valid: true });
    expect(r.findings).toEqual([]);
  });
});

describe('findings', () => {
  it('carry rule, severity, XPath location, position and a Dutch and English message', () => {
    const r = validateDocument(
      edit(
        ORDER,
        '<cbc:Quantity unitCode="KGM">15</cbc:Quantity>',
        '<cbc:Quantity unitCode="KGM">-15</cbc:Quantity>',
      ),
    );
    const f = r.findings.find((x) => x.rule === 'PEPPOL-T01-R004')!;
    expect(f).toMatchObject({ severity: 'fatal', location: '/Order/cac:OrderLine[2]/cac:LineItem' });
    expect(f.line).toBeGreaterThan(80);
    expect(f.column).toBeGreaterThan(0);
    expect(f.message.en).toMatch(/quantity/i);
    expect(f.message.nl).toMatch(/hoeveelheid/i);
    expect(r.valid).toBe(false);
  });

  it('are reported top to bottom and a warning alone keeps the document valid', () => {
    const r = validateDocument(edit(ORDER, /<cac:ValidityPeriod>[\s\S]*?<\/cac:ValidityPeriod>/, ''));
    expect(found(r, 'PEPPOL-T01-R002')).toEqual(['warning@/Order']);
    expect(r.valid).toBe(true);
  });
});

describe('structure rules (PEPPOL-Txx-B…)', () => {
  it('a mandatory element that is missing', () => {
    const r = validateDocument(edit(ORDER, /<cbc:IssueDate>.*<\/cbc:IssueDate>/, ''));
    expect(found(r, 'PEPPOL-T01-B00104')).toEqual(['fatal@/Order']);
    expect(r.findings[0]!.message.en).toContain('cbc:IssueDate');
  });
  it('an element that is not part of the data model', () => {
    const r = validateDocument(
      edit(
        ORDER,
        '<cbc:Name>Lasdraad 1.0 mm</cbc:Name>',
        '<cbc:Name>Lasdraad 1.0 mm</cbc:Name><cbc:Colour>red</cbc:Colour>',
      ),
    );
    expect(found(r, 'PEPPOL-T01-B29302')).toEqual([
      'fatal@/Order/cac:OrderLine[2]/cac:LineItem/cac:Item/cbc:Colour',
    ]);
  });
  it('a code outside its code list, and an attribute code outside its list', () => {
    const r = validateDocument(
      edit(
        edit(ORDER, '<cbc:DocumentCurrencyCode>EUR', '<cbc:DocumentCurrencyCode>EURO'),
        'unitCode="KGM"',
        'unitCode="KILO"',
      ),
    );
    expect(found(r, 'PEPPOL-T01-B01001')).toEqual(['fatal@/Order/cbc:DocumentCurrencyCode']);
    expect(found(r, 'PEPPOL-T01-B24102')).toEqual([
      'fatal@/Order/cac:OrderLine[2]/cac:LineItem/cbc:Quantity',
    ]);
  });
  it('a missing attribute', () => {
    const r = validateDocument(edit(ORDER, '<cbc:Quantity unitCode="C62">', '<cbc:Quantity>'));
    expect(found(r, 'PEPPOL-T01-B24101')).toEqual([
      'fatal@/Order/cac:OrderLine[1]/cac:LineItem/cbc:Quantity',
    ]);
  });
  it('a fixed value (T76 profile)', () => {
    const r = validateDocument(edit(RESPONSE, 'bis:ordering:3', 'bis:order_only:3'));
    expect(found(r, 'PEPPOL-T76-B00301')).toEqual(['fatal@/OrderResponse/cbc:ProfileID']);
  });
});

describe('common rules (PEPPOL-COMMON-…)', () => {
  it('R001: an empty element', () => {
    const r = validateDocument(edit(ORDER, '<cbc:ID>FL-DN50</cbc:ID>', '<cbc:ID> </cbc:ID>'));
    expect(found(r, 'PEPPOL-COMMON-R001')).toEqual([
      'fatal@/Order/cac:OrderLine[1]/cac:LineItem/cac:Item/cac:SellersItemIdentification/cbc:ID',
    ]);
  });
  it('R030: a date not written YYYY-MM-DD', () => {
    const r = validateDocument(edit(ORDER, '<cbc:IssueDate>2026-03-02', '<cbc:IssueDate>2026-3-2'));
    expect(found(r, 'PEPPOL-COMMON-R030')).toEqual(['fatal@/Order/cbc:IssueDate']);
  });
  it('R040: a GLN with a wrong check digit', () => {
    const r = validateDocument(
      edit(ORDER, '8719401000015</cbc:EndpointID>', '8719401000016</cbc:EndpointID>'),
    );
    expect(found(r, 'PEPPOL-COMMON-R040')).toEqual([
      'fatal@/Order/cac:BuyerCustomerParty/cac:Party/cbc:EndpointID',
    ]);
    expect(r.findings.find((f) => f.rule === 'PEPPOL-COMMON-R040')!.message.nl).toContain('controlecijfer');
  });
  it('R054 (warning): a KVK number that is not 8 digits', () => {
    const r = validateDocument(
      edit(ORDER, '<cbc:ID schemeID="0106">12345678', '<cbc:ID schemeID="0106">1234567'),
    );
    expect(found(r, 'PEPPOL-COMMON-R054')).toEqual([
      'warning@/Order/cac:BuyerCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID',
    ]);
    expect(r.valid).toBe(true);
  });
  it('R056-2 (warning): a Dutch VAT number in the wrong format', () => {
    const r = validateDocument(edit(ORDER, 'NL123456789B01', 'NL 1234.56.789.B01'));
    expect(found(r, 'PEPPOL-COMMON-R056-2')).toEqual([
      'warning@/Order/cac:BuyerCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID',
    ]);
  });
});

describe('T01 order business rules', () => {
  it('R003: an amount in another currency', () => {
    const r = validateDocument(
      edit(ORDER, '<cbc:PriceAmount currencyID="EUR">14.00', '<cbc:PriceAmount currencyID="USD">14.00'),
    );
    expect(found(r, 'PEPPOL-T01-R003')).toEqual([
      'fatal@/Order/cac:OrderLine[2]/cac:LineItem/cac:Price/cbc:PriceAmount',
    ]);
  });
  it('R028: more than 2 decimals in an amount, but not in a unit price', () => {
    const r = validateDocument(
      edit(
        edit(ORDER, '<cbc:PriceAmount currencyID="EUR">14.00', '<cbc:PriceAmount currencyID="EUR">14.000'),
        '1250.00</cbc:LineExtensionAmount>',
        '1250.001</cbc:LineExtensionAmount>',
      ),
    );
    expect(found(r, 'PEPPOL-T01-R028')).toEqual([
      'fatal@/Order/cac:OrderLine[1]/cac:LineItem/cbc:LineExtensionAmount',
    ]);
  });
  it('R008 and R024: totals and line amounts that do not add up', () => {
    const r = validateDocument(
      edit(ORDER, '210.00</cbc:LineExtensionAmount>', '211.00</cbc:LineExtensionAmount>'),
    );
    expect(found(r, 'PEPPOL-T01-R024')).toEqual(['fatal@/Order/cac:OrderLine[2]/cac:LineItem']);
    expect(found(r, 'PEPPOL-T01-R008')).toEqual(['fatal@/Order/cac:AnticipatedMonetaryTotal']);
  });
  it('R001: two lines with the same id', () => {
    const r = validateDocument(edit(ORDER, '<cbc:ID>2</cbc:ID>', '<cbc:ID>1</cbc:ID>'));
    expect(found(r, 'PEPPOL-T01-R001')).toEqual([
      'fatal@/Order/cac:OrderLine[1]/cac:LineItem',
      'fatal@/Order/cac:OrderLine[2]/cac:LineItem',
    ]);
  });
  it('R020 wins over R022/R023 for an allowance with a percentage but no base (first matching context)', () => {
    const ac =
      '<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric><cbc:Amount currencyID="EUR">5.00</cbc:Amount></cac:AllowanceCharge>';
    const r = validateDocument(
      edit(ORDER, '<cac:AnticipatedMonetaryTotal>', `${ac}<cac:AnticipatedMonetaryTotal>`),
    );
    expect(found(r, 'PEPPOL-T01-R020')).toEqual(['fatal@/Order/cac:AllowanceCharge']);
    expect(found(r, 'PEPPOL-T01-R023')).toEqual([]);
  });
  it('R023 and CL001: an allowance without reason, and a reason code outside UNCL 5189', () => {
    const noReason =
      '<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:Amount currencyID="EUR">0.00</cbc:Amount></cac:AllowanceCharge>';
    const badCode =
      '<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:AllowanceChargeReasonCode>FC</cbc:AllowanceChargeReasonCode><cbc:Amount currencyID="EUR">0.00</cbc:Amount></cac:AllowanceCharge>';
    const r = validateDocument(
      edit(ORDER, '<cac:AnticipatedMonetaryTotal>', `${noReason}${badCode}<cac:AnticipatedMonetaryTotal>`),
    );
    expect(found(r, 'PEPPOL-T01-R023')).toEqual(['fatal@/Order/cac:AllowanceCharge[1]']);
    expect(found(r, 'PEPPOL-T01-CL001')).toEqual([
      'fatal@/Order/cac:AllowanceCharge[2]/cbc:AllowanceChargeReasonCode',
    ]);
  });
  it('R030: standard-rated VAT with a zero rate', () => {
    const r = validateDocument(edit(ORDER, '<cbc:Percent>21</cbc:Percent>', '<cbc:Percent>0</cbc:Percent>'));
    expect(found(r, 'PEPPOL-T01-R030')).toEqual([
      'fatal@/Order/cac:OrderLine[1]/cac:LineItem/cac:Item/cac:ClassifiedTaxCategory',
    ]);
  });
  it('R031: a business process not allowed for orders', () => {
    const r = validateDocument(edit(ORDER, 'bis:ordering:3', 'bis:billing:3'));
    expect(found(r, 'PEPPOL-T01-R031')).toEqual(['fatal@/Order/cbc:ProfileID']);
  });
});

describe('T76 order response business rules', () => {
  it('R008: code AP (accepted) must not carry lines; R007: CA needs lines', () => {
    expect(found(validateDocument(edit(RESPONSE, '>CA<', '>AP<')), 'PEPPOL-T76-R008')).toEqual([
      'fatal@/OrderResponse/cbc:OrderResponseCode',
    ]);
    const noLines = edit(RESPONSE, /<cac:OrderLine>[\s\S]*<\/cac:OrderLine>/, '');
    expect(found(validateDocument(noLines), 'PEPPOL-T76-R007')).toEqual([
      'fatal@/OrderResponse/cbc:OrderResponseCode',
    ]);
    expect(validateDocument(edit(noLines, '>CA<', '>AP<')).valid).toBe(true);
  });
  it('R004: a promised delivery period that ends before it starts', () => {
    const r = validateDocument(edit(RESPONSE, '<cbc:EndDate>2026-04-03', '<cbc:EndDate>2026-03-30'));
    expect(found(r, 'PEPPOL-T76-R004')).toEqual([
      'fatal@/OrderResponse/cac:OrderLine/cac:LineItem/cac:Delivery/cac:PromisedDeliveryPeriod',
    ]);
  });
  it('R005: a price in another currency (or without one)', () => {
    const r = validateDocument(
      edit(RESPONSE, '<cbc:PriceAmount currencyID="EUR">', '<cbc:PriceAmount currencyID="SEK">'),
    );
    expect(found(r, 'PEPPOL-T76-R005')).toEqual([
      'fatal@/OrderResponse/cac:OrderLine/cac:LineItem/cac:Price/cbc:PriceAmount',
    ]);
  });
  it('R001: a buyer without registered name or identifier', () => {
    const r = validateDocument(
      edit(
        RESPONSE,
        /<cac:PartyIdentification>\s*<cbc:ID schemeID="0088">8719401000015<\/cbc:ID>\s*<\/cac:PartyIdentification>/,
        '',
      ),
    );
    expect(found(r, 'PEPPOL-T76-R001')).toEqual(['fatal@/OrderResponse/cac:BuyerCustomerParty/cac:Party']);
  });
});

describe('billing rules (EN 16931 and Peppol)', () => {
  it('BR-CO-10 and BR-CO-15: totals that do not match the lines and VAT', () => {
    const r = validateDocument(
      edit(
        INVOICE,
        '<cbc:TaxInclusiveAmount currencyID="EUR">1766.60',
        '<cbc:TaxInclusiveAmount currencyID="EUR">1766.70',
      ),
    );
    expect(found(r, 'BR-CO-15')).toEqual(['fatal@/Invoice']);
    const lines = validateDocument(
      edit(
        INVOICE,
        '<cbc:LineExtensionAmount currencyID="EUR">1460.00',
        '<cbc:LineExtensionAmount currencyID="EUR">1470.00',
      ),
    );
    expect(found(lines, 'BR-CO-10')).toEqual(['fatal@/Invoice/cac:LegalMonetaryTotal']);
  });
  it('BR-CO-17: a VAT amount that is not taxable amount × rate (within one unit is tolerated)', () => {
    const r = validateDocument(
      edit(
        INVOICE,
        /<cbc:TaxAmount currencyID="EUR">306.60<\/cbc:TaxAmount>(\s*<cac:TaxCategory>)/,
        '<cbc:TaxAmount currencyID="EUR">306.00</cbc:TaxAmount>$1',
      ),
    );
    expect(found(r, 'BR-CO-17')).toEqual([]);
    expect(found(r, 'BR-CO-14')).toEqual(['fatal@/Invoice/cac:TaxTotal']);
    const far = validateDocument(
      edit(
        INVOICE,
        /(<cbc:TaxableAmount currencyID="EUR">1460.00<\/cbc:TaxableAmount>\s*)<cbc:TaxAmount currencyID="EUR">306.60/,
        '$1<cbc:TaxAmount currencyID="EUR">200.00',
      ),
    );
    expect(found(far, 'BR-CO-17')).toEqual(['fatal@/Invoice/cac:TaxTotal/cac:TaxSubtotal']);
  });
  it('BR-25 and BR-CL-14: a line without item name, a country code outside ISO 3166', () => {
    const r = validateDocument(
      edit(
        edit(INVOICE, '<cbc:Name>Lasdraad 1.0 mm</cbc:Name>', ''),
        '<cbc:IdentificationCode>NL</cbc:IdentificationCode>',
        '<cbc:IdentificationCode>XX</cbc:IdentificationCode>',
      ),
    );
    expect(found(r, 'BR-25')).toEqual(['fatal@/Invoice/cac:InvoiceLine[2]']);
    expect(found(r, 'BR-CL-14')).toEqual([
      'fatal@/Invoice/cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode',
    ]);
  });
  it('PEPPOL-EN16931-R003: neither buyer reference nor order reference', () => {
    const r = validateDocument(edit(INVOICE, /<cac:OrderReference>[\s\S]*?<\/cac:OrderReference>/, ''));
    expect(found(r, 'PEPPOL-EN16931-R003')).toEqual(['fatal@/Invoice']);
    expect(found(r, 'NL-R-009')).toEqual([
      'fatal@/Invoice/cac:InvoiceLine[1]/cac:OrderLineReference/cbc:LineID',
    ]);
  });
  it('NL-R-002: a Dutch supplier address without postcode', () => {
    const r = validateDocument(edit(INVOICE, '<cbc:PostalZone>5700 AA</cbc:PostalZone>', ''));
    expect(found(r, 'NL-R-002')).toEqual([
      'fatal@/Invoice/cac:AccountingSupplierParty/cac:Party/cac:PostalAddress',
    ]);
  });
});

describe('SCSN rules', () => {
  it('SCSN-R001: duplicate and missing line numbers', () => {
    const r = validateDocument(edit(SCSN_RESPONSE, '<cbc:ID>2</cbc:ID>', '<cbc:ID>1</cbc:ID>'));
    expect(found(r, 'SCSN-R001')).toEqual([
      'fatal@/OrderResponse/cac:OrderLine[1]/cac:LineItem',
      'fatal@/OrderResponse/cac:OrderLine[2]/cac:LineItem',
    ]);
  });
  it('SCSN-R002: a line delivered to two locations', () => {
    const second =
      '<cac:Delivery><cac:DeliveryLocation><cbc:ID schemeID="0088">8719401000107</cbc:ID></cac:DeliveryLocation></cac:Delivery></cac:LineItem>';
    const r = validateDocument(edit(SCSN_RESPONSE, /<\/cac:LineItem>/, second));
    expect(found(r, 'SCSN-R002')).toEqual(['fatal@/OrderResponse/cac:OrderLine[1]/cac:LineItem']);
  });
  it('SCSN-R003 and R004: promised date and line status are mandatory in responses', () => {
    const r = validateDocument(
      edit(
        edit(SCSN_RESPONSE, '<cbc:LineStatusCode>Accepted</cbc:LineStatusCode>', ''),
        /<cac:PromisedDeliveryPeriod>\s*<cbc:EndDate>2026-04-03<\/cbc:EndDate>\s*<\/cac:PromisedDeliveryPeriod>/,
        '',
      ),
    );
    expect(found(r, 'SCSN-R003')).toEqual(['fatal@/OrderResponse/cac:OrderLine[1]/cac:LineItem']);
    expect(found(r, 'SCSN-R004')).toEqual(['fatal@/OrderResponse/cac:OrderLine[2]/cac:LineItem']);
  });
  it('SCSN-R003: a rejected line needs no promised date', () => {
    const r = validateDocument(
      edit(
        edit(SCSN_RESPONSE, 'Changed', 'Rejected'),
        /<cac:PromisedDeliveryPeriod>\s*<cbc:EndDate>2026-04-03<\/cbc:EndDate>\s*<\/cac:PromisedDeliveryPeriod>/,
        '',
      ),
    );
    expect(r.valid).toBe(true);
  });
  it('apply only to the scsn profile, or when it is forced', () => {
    const dup = edit(ORDER, '<cbc:ID>2</cbc:ID>', '<cbc:ID>1</cbc:ID>');
    expect(found(validateDocument(dup), 'SCSN-R001')).toEqual([]);
    expect(found(validateDocument(dup, { profile: 'scsn' }), 'SCSN-R001')).toHaveLength(2);
  });
});

describe('Schakel rules', () => {
  it('SCHAKEL-DT: amounts, quantities, dates and indicators that the UBL schema would refuse', () => {
    const r = validateDocument(
      edit(
        edit(ORDER, '<cbc:PriceAmount currencyID="EUR">14.00', '<cbc:PriceAmount currencyID="EUR">14,00'),
        '<cbc:EndDate>2026-04-01',
        '<cbc:EndDate>2026-02-30',
      ),
    );
    expect(found(r, 'SCHAKEL-DT-001')).toEqual([
      'fatal@/Order/cac:OrderLine[2]/cac:LineItem/cac:Price/cbc:PriceAmount',
    ]);
    expect(found(r, 'SCHAKEL-DT-003')).toEqual([
      'fatal@/Order/cac:OrderLine[1]/cac:LineItem/cac:Delivery/cac:RequestedDeliveryPeriod/cbc:EndDate',
    ]);
  });
  it('SCHAKEL-PROFILE-001: a Peppol order CustomizationID on another document type', () => {
    const r = validateDocument(
      INVOICE.replace(/urn:cen\.eu:en16931[^<]*/, 'urn:fdc:peppol.eu:poacc:trns:order:3'),
    );
    expect(r.profile).toBe('peppol-t01');
    expect(found(r, 'SCHAKEL-PROFILE-001')).toEqual(['fatal@/Invoice']);
  });
  it('generic UBL gets the data type rules only', () => {
    const r = validateDocument(edit(ORDER, /<cbc:CustomizationID>.*<\/cbc:CustomizationID>/, ''));
    expect(r.profile).toBe('ubl');
    expect(r.valid).toBe(true);
  });
});
