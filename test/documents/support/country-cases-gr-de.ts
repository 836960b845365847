// Oracle variants for the Greek and German (GR, DE) billing country rules (see test/documents/oracle-country.test.ts): each
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

const AFM = '940000012';
/** A Greek seller with a valid AFM, myDATA invoice number, MARK and invoice URL. */
const greece = (root: XmlElement): void => {
  party(root, SUPPLIER, 'GR', `EL${AFM}`);
  const endpoint = the(root, `${SUPPLIER}/cbc:EndpointID`);
  setText(endpoint, AFM);
  endpoint.attrs = { schemeID: '9933' };
  setText(the(root, 'cbc:ID'), `${AFM}|13/11/2017|0|1.1|A|1`);
  add(root, docRef('400001', '##M.AR.K##'), 'AccountingSupplierParty');
  add(root, docRef('url1', '##INVOICE|URL##', 'https://example.gr/invoice/1'), 'AccountingSupplierParty');
};

/** A German seller and buyer; the seller with a complete contact. */
const germany = (root: XmlElement): void => {
  party(root, SUPPLIER, 'DE');
  party(root, CUSTOMER, 'DE');
  add(
    the(root, SUPPLIER),
    make('cac:Contact', [
      make('cbc:Name', 'Anna Schmidt'),
      make('cbc:Telephone', '+49 30 1234567'),
      make('cbc:ElectronicMail', 'anna@example.de'),
    ]),
  );
};
const contact = (root: XmlElement, ...parts: XmlElement[]): void => {
  const c = the(root, `${SUPPLIER}/cac:Contact`);
  c.children = [];
  for (const p of parts) add(c, p);
};
const attachment = (filename: string): XmlElement =>
  make('cac:AdditionalDocumentReference', [
    make('cbc:ID', filename),
    make('cac:Attachment', [
      make('cbc:EmbeddedDocumentBinaryObject', 'aGVsbG8=', { mimeCode: 'text/csv', filename }),
    ]),
  ]);
const mandate = (account?: string): XmlElement =>
  make('cac:PaymentMandate', [
    make('cbc:ID', 'MANDATE-1'),
    ...(account ? [make('cac:PayerFinancialAccount', [make('cbc:ID', account)])] : []),
  ]);

/** Variants for GR and DE. */
export const GR_DE_CASES: Case[] = [
  // ——— Greece ———
  { label: 'GR seller with a valid invoice number, MARK and URL', edit: greece, expect: [] },
  {
    label: 'GR seller: plain invoice number, no MARK or URL, no names',
    edit: (r) => {
      party(r, SUPPLIER, 'GR', `EL${AFM}`);
      setText(the(r, 'cbc:ID'), 'INV-1');
      setText(the(r, `${SUPPLIER}/cac:PartyName/cbc:Name`), '');
      setText(the(r, `${CUSTOMER}/cac:PartyName/cbc:Name`), '');
    },
    expect: [
      'GR-R-001-1',
      'GR-R-001-2',
      'GR-R-001-3',
      'GR-R-001-4',
      'GR-R-001-5',
      'GR-R-001-6',
      'GR-R-001-7',
      'GR-R-002',
      'GR-R-005',
      'GR-R-004-1',
      'GR-S-008-1',
      'GR-R-009',
    ],
  },
  {
    label: 'GR seller: bad AFM check digit, two MARKs (one 0123), two URLs (one without URI)',
    edit: (r) => {
      greece(r);
      party(r, SUPPLIER, 'GR', 'EL940000013');
      add(r, docRef('0123', '##M.AR.K##'), 'AccountingSupplierParty');
      add(r, docRef('url2', '##INVOICE|URL##'), 'AccountingSupplierParty');
    },
    expect: ['GR-R-003', 'GR-S-011', 'GR-R-001-2', 'GR-R-004-1', 'GR-R-004-2', 'GR-R-008-2', 'GR-R-008-3'],
  },
  {
    label: 'GR seller: wrong date, negative branch, unknown type, empty series and number',
    edit: (r) => {
      greece(r);
      setText(the(r, 'cbc:ID'), `${AFM}|14/11/2017|-1|9.9||`);
    },
    expect: ['GR-R-001-3', 'GR-R-001-4', 'GR-R-001-5', 'GR-R-001-6', 'GR-R-001-7'],
  },
  {
    label: 'GR to GR: buyer VAT number and endpoint not an AFM',
    edit: (r) => {
      greece(r);
      party(r, CUSTOMER, 'GR', 'EL12');
    },
    expect: ['GR-R-006', 'GR-R-010'],
  },
  // ——— Germany ———
  {
    label: 'DE to DE with contact, SEPA transfer and a cash discount line',
    edit: (r) => {
      germany(r);
      paymentMeans(r, '58', account('DE89 3704 0044 0532 0130 00'));
      setText(the(r, 'cac:PaymentTerms/cbc:Note'), '#SKONTO#TAGE=14#PROZENT=2.00#\n');
    },
    expect: [],
  },
  {
    label:
      'DE to DE: no seller contact, buyer reference, payment means, seller city or buyer postcode; type 383',
    edit: (r) => {
      party(r, SUPPLIER, 'DE');
      party(r, CUSTOMER, 'de ');
      remove(the(r, 'cbc:BuyerReference'));
      remove(the(r, 'cac:PaymentMeans'));
      remove(the(r, `${SUPPLIER}/cac:PostalAddress/cbc:CityName`));
      remove(the(r, `${CUSTOMER}/cac:PostalAddress/cbc:PostalZone`));
      setText(the(r, 'cbc:InvoiceTypeCode'), '383');
    },
    expect: ['DE-R-002', 'DE-R-015', 'DE-R-001', 'DE-R-003', 'DE-R-009', 'DE-R-017'],
  },
  {
    label: 'DE to DE: contact with a name only; seller postcode and buyer city empty',
    edit: (r) => {
      germany(r);
      contact(r, make('cbc:Name', 'Anna'));
      setText(the(r, `${SUPPLIER}/cac:PostalAddress/cbc:PostalZone`), ' ');
      setText(the(r, `${CUSTOMER}/cac:PostalAddress/cbc:CityName`), '');
    },
    expect: ['DE-R-006', 'DE-R-007', 'DE-R-027', 'DE-R-028', 'DE-R-004', 'DE-R-008'],
  },
  {
    label: 'DE to DE: contact with a blank name, a telephone without digits and a bad e-mail',
    edit: (r) => {
      germany(r);
      contact(
        r,
        make('cbc:Name', ' '),
        make('cbc:Telephone', 'call us'),
        make('cbc:ElectronicMail', 'anna@example'),
      );
    },
    expect: ['DE-R-005', 'DE-R-027', 'DE-R-028'],
  },
  {
    label: 'DE to DE: SEPA transfer with a bad IBAN and a mandate without creditor id or payer account',
    edit: (r) => {
      germany(r);
      paymentMeans(r, '58', account('DE89370400440532013001'), mandate());
    },
    expect: ['DE-R-019', 'DE-R-023-2', 'DE-R-030', 'DE-R-031'],
  },
  {
    label: 'DE to DE: transfer without account, card without card, direct debit without mandate',
    edit: (r) => {
      germany(r);
      paymentMeans(r, '30');
      addPaymentMeans(r, '48', account('DE89370400440532013000'));
      addPaymentMeans(r, '59', account('DE89370400440532013000'));
    },
    expect: ['DE-R-023-1', 'DE-R-024-1', 'DE-R-024-2', 'DE-R-020', 'DE-R-025-1', 'DE-R-025-2'],
  },
  {
    label:
      'DE to DE: bad discount line, type 384 without reference, duplicate file names, relative URL, bare delivery address, no rate',
    edit: (r) => {
      germany(r);
      setText(the(r, 'cac:PaymentTerms/cbc:Note'), '#SKONTO#TAGE=14#PROZENT=2#');
      setText(the(r, 'cbc:InvoiceTypeCode'), '384');
      add(r, attachment('a.csv'), 'AccountingSupplierParty');
      add(r, attachment('a.csv'), 'AccountingSupplierParty');
      add(r, docRef('web', 'Website', 'www.example.de'), 'AccountingSupplierParty');
      const address = the(r, 'cac:Delivery/cac:DeliveryLocation/cac:Address');
      for (const c of [...sel(address, 'cbc:CityName'), ...sel(address, 'cbc:PostalZone')]) remove(c);
      remove(the(r, 'cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Percent'));
    },
    expect: ['DE-R-018', 'DE-R-026', 'DE-R-022', 'DE-R-T02', 'DE-R-010', 'DE-R-011', 'DE-R-014'],
  },
  {
    label: 'DE to DE: VAT without the seller VAT number or a tax representative',
    edit: (r) => {
      germany(r);
      remove(sel(r, `${SUPPLIER}/cac:PartyTaxScheme`)[0]!);
    },
    expect: ['DE-R-016'],
  },
];
