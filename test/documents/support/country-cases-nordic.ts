// Oracle variants for the Nordic (NO, DK, SE, IS) billing country rules (see test/documents/oracle-country.test.ts): each
// puts an official example or a credit note under a country's rules and breaks, or satisfies, what they check.
import { sel } from '../../../src/documents/rule-context.ts';
import type { XmlElement } from '../../../src/documents/xml-tree.ts';
import {
  CUSTOMER,
  SUPPLIER,
  account,
  add,
  addPaymentMeans,
  docRef,
  make,
  party,
  paymentMeans,
  remove,
  setText,
  the,
  type Case,
} from './tree-edits.ts';

const NO_VAT = 'NO923609016MVA';
const norway = (root: XmlElement): void => party(root, SUPPLIER, 'NO', NO_VAT);
const denmark = (root: XmlElement, buyerToo = true): void => {
  party(root, SUPPLIER, 'DK', 'DK12345674');
  const legal = the(root, `${SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID`);
  setText(legal, '12345674');
  legal.attrs = { schemeID: '0184' };
  for (const id of sel(root, `${SUPPLIER}/cac:PartyIdentification/cbc:ID`)) id.attrs = { schemeID: '0184' };
  if (buyerToo) {
    party(root, CUSTOMER, 'DK', 'DK87654321');
    for (const id of sel(root, `${CUSTOMER}/cac:PartyLegalEntity/cbc:CompanyID`))
      id.attrs = { schemeID: '0184' };
  }
};

const sweden = (root: XmlElement, vat = 'SE556000000101', orgnr = '5560000001'): void => {
  party(root, SUPPLIER, 'SE', vat);
  setText(the(root, `${SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID`), orgnr);
};
const otherTaxScheme = (root: XmlElement, text: string): void =>
  add(
    the(root, SUPPLIER),
    make('cac:PartyTaxScheme', [make('cbc:CompanyID', text), make('cac:TaxScheme', [make('cbc:ID', 'TAX')])]),
    'PartyLegalEntity',
  );

/** An Icelandic seller with its kennitala. */
const iceland = (root: XmlElement): void => {
  party(root, SUPPLIER, 'IS');
  the(root, `${SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID`).attrs = { schemeID: '0196' };
};

/** Variants for NO, DK, SE and IS. */
export const NORDIC_CASES: Case[] = [
  // ——— Norway ———
  { label: 'NO seller without Foretaksregisteret', edit: norway, expect: ['NO-R-002'] },
  {
    label: 'NO seller with Foretaksregisteret',
    edit: (r) => {
      norway(r);
      add(
        the(r, SUPPLIER),
        make('cac:PartyTaxScheme', [
          make('cbc:CompanyID', 'Foretaksregisteret'),
          make('cac:TaxScheme', [make('cbc:ID', 'TAX')]),
        ]),
        'PartyLegalEntity',
      );
    },
    expect: [],
  },
  {
    label: 'NO VAT number with a wrong check digit',
    edit: (r) => party(r, SUPPLIER, 'NO', 'NO923609017MVA'),
    expect: ['NO-R-001'],
  },
  {
    label: 'NO VAT number without MVA',
    edit: (r) => party(r, SUPPLIER, 'NO', 'NO923609016'),
    expect: ['NO-R-001'],
  },
  {
    label: 'NO by tax representative, GB VAT on the seller',
    edit: (r) => {
      const vat = sel(r, `${SUPPLIER}/cac:PartyTaxScheme`)[0]!;
      remove(vat);
      add(
        r,
        make('cac:TaxRepresentativeParty', [
          make('cac:PartyName', [make('cbc:Name', 'Rep AS')]),
          make('cac:PostalAddress', [make('cac:Country', [make('cbc:IdentificationCode', 'NO')])]),
          make('cac:PartyTaxScheme', [
            make('cbc:CompanyID', 'NO923609016MVA'),
            make('cac:TaxScheme', [make('cbc:ID', 'VAT')]),
          ]),
        ]),
        'Delivery',
      );
    },
    expect: ['NO-R-002'],
  },
  // ——— Denmark ———
  {
    label: 'DK seller, SE buyer, no CVR scheme',
    edit: (r) => {
      denmark(r, false);
      the(r, `${SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID`).attrs = {};
    },
    expect: ['DK-R-014'],
  },
  {
    label: 'DK seller without legal registration number',
    edit: (r) => {
      denmark(r, false);
      remove(the(r, `${SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID`));
    },
    expect: ['DK-R-002'],
  },
  {
    label: 'DK to DK: identifier without scheme, buyer CVR scheme 0183, payment means 30',
    edit: (r) => {
      denmark(r);
      the(r, `${SUPPLIER}/cac:PartyIdentification/cbc:ID`).attrs = {};
      the(r, `${CUSTOMER}/cac:PartyLegalEntity/cbc:CompanyID`).attrs = { schemeID: '0183' };
    },
    expect: ['DK-R-013', 'DK-R-017', 'DK-R-005'],
  },
  {
    label: 'DK to DK: payment means 31 without registration number',
    edit: (r) => {
      denmark(r);
      paymentMeans(r, '31', account('12345678'));
    },
    expect: ['DK-R-006'],
  },
  {
    label: 'DK to DK: payment means 49 without mandate account',
    edit: (r) => {
      denmark(r);
      paymentMeans(r, '49', make('cac:PaymentMandate', [make('cbc:ID', 'M1')]));
    },
    expect: ['DK-R-007'],
  },
  {
    label: 'DK to DK: giro with a short instruction id',
    edit: (r) => {
      denmark(r);
      paymentMeans(r, '50', make('cbc:PaymentID', '04#123'), account('1234567'));
    },
    expect: ['DK-R-009'],
  },
  {
    label: 'DK to DK: giro without card type',
    edit: (r) => {
      denmark(r);
      paymentMeans(r, '50', make('cbc:PaymentID', 'Snippet1'), account('123'));
    },
    expect: ['DK-R-008'],
  },
  {
    label: 'DK to DK: FIK with a short instruction id',
    edit: (r) => {
      denmark(r);
      paymentMeans(r, '93', make('cbc:PaymentID', '71#123'), account('12345678'));
    },
    expect: ['DK-R-011'],
  },
  {
    label: 'DK to DK: FIK without card type, UNSPSC 19.05, ZZZ tax without code',
    edit: (r) => {
      denmark(r);
      paymentMeans(r, '93', make('cbc:PaymentID', 'X'), account('1234567'));
      add(
        the(r, 'cac:InvoiceLine/cac:Item'),
        make('cac:CommodityClassification', [
          make('cbc:ItemClassificationCode', '43211503', { listID: 'TST', listVersionID: '19.05' }),
        ]),
        'ClassifiedTaxCategory',
      );
      const charge = the(r, 'cac:AllowanceCharge');
      add(charge, make('cbc:AllowanceChargeReasonCode', 'ZZZ'), 'AllowanceChargeReason');
      setText(the(charge, 'cbc:AllowanceChargeReason'), '#Tax');
    },
    expect: ['DK-R-010', 'DK-R-003', 'DK-R-004'],
  },
  {
    label: 'DK to DK: valid FIK, UNSPSC 26.08.01, ZZZ tax with code',
    edit: (r) => {
      denmark(r);
      paymentMeans(r, '93', make('cbc:PaymentID', '71#123456789012345'), account('12345678'));
      add(
        the(r, 'cac:InvoiceLine/cac:Item'),
        make('cac:CommodityClassification', [
          make('cbc:ItemClassificationCode', '43211503', { listID: 'TST', listVersionID: '26.08.01' }),
        ]),
        'ClassifiedTaxCategory',
      );
      const charge = the(r, 'cac:AllowanceCharge');
      add(charge, make('cbc:AllowanceChargeReasonCode', 'ZZZ'), 'AllowanceChargeReason');
      setText(the(charge, 'cbc:AllowanceChargeReason'), '0123');
    },
    expect: [],
  },
  {
    label: 'DK to DK credit note with a negative amount due',
    base: 'creditNote',
    edit: (r) => {
      denmark(r);
      setText(the(r, 'cac:LegalMonetaryTotal/cbc:PayableAmount'), '-10.00');
    },
    expect: ['DK-R-016'],
  },
  // ——— Sweden ———
  {
    label: 'SE seller, valid numbers, F-skatt, Bankgiro and Plusgiro',
    edit: (r) => {
      sweden(r);
      otherTaxScheme(r, 'Godkänd för F-skatt');
      paymentMeans(r, '30', account('1234567', 'SE:BANKGIRO'));
      addPaymentMeans(r, '30', account('12345', 'SE:PLUSGIRO'));
    },
    expect: [],
  },
  { label: 'SE VAT number of 13 characters', edit: (r) => sweden(r, 'SE55600000010'), expect: ['SE-R-001'] },
  { label: 'SE VAT number not numeric', edit: (r) => sweden(r, 'SE5560000001AB'), expect: ['SE-R-002'] },
  {
    label: 'SE organisation number not numeric, other tax scheme without F-skatt',
    edit: (r) => {
      sweden(r, undefined, '556000000X');
      otherTaxScheme(r, 'F-skatt');
    },
    expect: ['SE-R-003', 'SE-R-013', 'SE-R-005'],
  },
  {
    label: 'SE organisation number with a wrong check digit',
    edit: (r) => sweden(r, undefined, '5560000002'),
    expect: ['SE-R-013'],
  },
  {
    label: 'SE organisation number of 8 digits',
    edit: (r) => sweden(r, undefined, '55600000'),
    expect: ['SE-R-004', 'SE-R-013'],
  },
  {
    label: 'SE standard rate of 20 percent on a line',
    edit: (r) => {
      sweden(r);
      setText(the(r, 'cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent'), '20');
    },
    expect: ['SE-R-006'],
  },
  {
    label: 'SE Plusgiro too long, Bankgiro not numeric',
    edit: (r) => {
      sweden(r);
      paymentMeans(r, '30', account('123456789', 'SE:PLUSGIRO'));
      addPaymentMeans(r, '30', account('B-12', 'SE:BANKGIRO'));
    },
    expect: ['SE-R-010', 'SE-R-008', 'SE-R-009'],
  },
  {
    label: 'SE Plusgiro not numeric; giro code 50; code 31 to a Swedish buyer',
    edit: (r) => {
      party(r, SUPPLIER, 'SE');
      paymentMeans(r, '30', account('P-12', 'SE:PLUSGIRO'));
      addPaymentMeans(r, '50', account('1234567'));
      addPaymentMeans(r, '31', account('SE1234567'));
    },
    expect: ['SE-R-007', 'SE-R-011', 'SE-R-012'],
  },
  // ——— Iceland ———
  {
    label: 'IS seller with kennitala, 12-digit account and final due date',
    edit: (r) => {
      iceland(r);
      paymentMeans(r, '42', account('010126012345'));
      add(r, docRef('2017-12-15', 'EINDAGI'), 'AccountingSupplierParty');
    },
    expect: [],
  },
  {
    label: 'IS seller: type 383, no kennitala scheme, no street, short accounts',
    edit: (r) => {
      party(r, SUPPLIER, 'IS');
      setText(the(r, 'cbc:InvoiceTypeCode'), '383');
      remove(the(r, `${SUPPLIER}/cac:PostalAddress/cbc:StreetName`));
      paymentMeans(r, '9', account('IS123'));
      addPaymentMeans(r, '42', account('0101'));
    },
    expect: ['IS-R-001', 'IS-R-002', 'IS-R-003', 'IS-R-006', 'IS-R-007'],
  },
  {
    label: 'IS seller: final due date not a date',
    edit: (r) => {
      iceland(r);
      add(r, docRef('2017-13-01', 'EINDAGI'), 'AccountingSupplierParty');
    },
    expect: ['IS-R-008'],
  },
  {
    label: 'IS seller: due date after the final due date',
    edit: (r) => {
      iceland(r);
      add(r, docRef('2017-11-30', 'EINDAGI'), 'AccountingSupplierParty');
    },
    expect: ['IS-R-010'],
  },
  {
    label: 'IS to IS: buyer without kennitala or street',
    edit: (r) => {
      iceland(r);
      party(r, CUSTOMER, 'IS');
      remove(the(r, `${CUSTOMER}/cac:PostalAddress/cbc:StreetName`));
    },
    expect: ['IS-R-004', 'IS-R-005'],
  },
  {
    label: 'IS credit note with a final due date (no cbc:DueDate in a credit note)',
    base: 'creditNote',
    edit: (r) => {
      iceland(r);
      add(r, docRef('2027-02-15', 'EINDAGI'), 'AccountingSupplierParty');
    },
    expect: ['IS-R-009', 'IS-R-010'],
  },
];
