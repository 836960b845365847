// Reading UBL into Schakel's terms, per document type: what is taken from where, and how a document
// that lacks something is refused with every missing element named by its XPath.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import type {
  DespatchAdviceDocument,
  InvoiceDocument,
  MessageLevelResponseDocument,
  OrderCancellationDocument,
  OrderChangeDocument,
  OrderDocument,
  OrderResponseDocument,
  ReceiptAdviceDocument,
} from '../../src/documents/document-model.ts';
import { detectDocument } from '../../src/documents/document-detection.ts';
import { parseXml } from '../../src/documents/xml-parser.ts';
import { fixture } from './support/document-node.ts';
import { read, readText } from './support/domain-orders.ts';

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected the document to be refused');
}

const NS = `xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"`;

describe('detecting the document type and profile', () => {
  it.each([
    ['peppol-order.xml', 'Order', 'peppol'],
    ['peppol-order-response.xml', 'OrderResponse', 'peppol'],
    ['peppol-order-response-advanced.xml', 'OrderResponseAdvanced', 'peppol'],
    ['peppol-order-agreement.xml', 'OrderAgreement', 'peppol'],
    ['peppol-order-change.xml', 'OrderChange', 'peppol'],
    ['peppol-order-cancellation.xml', 'OrderCancellation', 'peppol'],
    ['peppol-despatch-advice.xml', 'DespatchAdvice', 'peppol'],
    ['ubl-receipt-advice.xml', 'ReceiptAdvice', 'ubl'],
    ['peppol-invoice.xml', 'Invoice', 'peppol'],
    ['peppol-credit-note.xml', 'CreditNote', 'peppol'],
    ['peppol-mlr.xml', 'MessageLevelResponse', 'peppol'],
    ['scsn-order.xml', 'Order', 'scsn'],
    ['scsn-order-response.xml', 'OrderResponse', 'scsn'],
  ])('%s is a %s (%s)', (file, type, profile) => {
    const doc = read(file);
    expect([doc.documentType, doc.profile]).toEqual([type, profile]);
  });

  it('recognises SCSN by its word codes even without an SCSN CustomizationID', () => {
    const root = parseXml(
      `<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2" ${NS}><cbc:OrderTypeCode>Changed</cbc:OrderTypeCode></Order>`,
    );
    expect(detectDocument(root).profile).toBe('scsn');
  });

  it('refuses a UBL document type Schakel does not exchange, by name', () => {
    const e = refusal(() =>
      detectDocument(
        parseXml(`<Quotation xmlns="urn:oasis:names:specification:ubl:schema:xsd:Quotation-2"/>`),
      ),
    );
    expect(e.message).toMatch(
      /^UBL Quotation documents are not exchanged by Schakel; it reads Order, OrderResponse/,
    );
  });

  it('refuses XML that is no UBL business document', () => {
    const e = refusal(() => detectDocument(parseXml('<html xmlns="http://www.w3.org/1999/xhtml"/>')));
    expect(e.message).toContain('not a UBL 2 business document: its root element is html');
  });
});

describe('Order', () => {
  it('reads a Peppol T01 order into the new-order input', () => {
    const doc = read<OrderDocument>('peppol-order.xml');
    expect(doc.orderType).toBe('new');
    expect(doc.sender.identifiers[0]).toEqual({
      scheme: '0088',
      value: '8712345678906',
      source: 'EndpointID',
    });
    expect(doc.receiver!.identifiers.map((i) => `${i.scheme}:${i.value}`)).toEqual(['0106:12345678']);
    expect(doc.order).toEqual({
      number: 'PO-2026-0042',
      issueDate: '2026-11-20',
      currency: 'EUR',
      note: 'Deliver to gate 3 & call ahead',
      deliveryLocation: {
        identifier: '0088:8712345678913',
        // The buyer is Dutch: a delivery address in the Netherlands needs no country in its text.
        address: 'Industrieweg 12, 5651 AB Eindhoven',
        name: 'Goederenontvangst hal 2',
      },
      lines: [
        {
          lineId: '10',
          item: {
            name: 'Beugel type A',
            description: 'Bracket, steel S235, 4 mm, zinc plated',
            buyerItemId: 'VD-4711',
            sellerItemId: 'DZ-100-A',
            standardItemId: null,
          },
          unitCode: 'C62',
          quantity: '100',
          price: { amount: '12.5', baseQuantity: '1' },
          schedule: [{ date: '2027-01-10', quantity: '100' }],
          note: 'Deburred, no sharp edges',
        },
        {
          lineId: '20',
          item: {
            name: 'Round bar 42CrMo4 Ø40',
            description: null,
            buyerItemId: null,
            sellerItemId: 'DZ-RB-40',
            standardItemId: null,
          },
          unitCode: 'KGM',
          quantity: '250',
          price: { amount: '210', baseQuantity: '100' },
          // No date on the line: the order's requested delivery date applies.
          schedule: [{ date: '2027-01-15', quantity: '250' }],
          note: null,
        },
      ],
    });
  });

  it('keeps a delivery country other than the buyer’s in the address text, once', () => {
    const xml = fixture('peppol-order.xml').toString();
    const abroad = (address: string) =>
      readText<OrderDocument>(
        xml.replace(/<cac:Address>[\s\S]*?<\/cac:Address>/, `<cac:Address>${address}</cac:Address>`),
      ).order.deliveryLocation!.address;
    const country = (code: string) =>
      `<cac:Country><cbc:IdentificationCode>${code}</cbc:IdentificationCode></cac:Country>`;
    expect(
      abroad(
        `<cbc:StreetName>Hafenstr. 5</cbc:StreetName><cbc:CityName>Köln</cbc:CityName><cbc:PostalZone>50667</cbc:PostalZone>${country('DE')}`,
      ),
    ).toBe('Hafenstr. 5, 50667 Köln, DE');
    // A line that already ends with the country does not get it twice, the buyer's own included.
    expect(
      abroad(`<cac:AddressLine><cbc:Line>Hafenstr. 5, Köln, DE</cbc:Line></cac:AddressLine>${country('DE')}`),
    ).toBe('Hafenstr. 5, Köln, DE');
    expect(
      abroad(
        `<cac:AddressLine><cbc:Line>De Run 1, Eindhoven, NL</cbc:Line></cac:AddressLine>${country('NL')}`,
      ),
    ).toBe('De Run 1, Eindhoven, NL');
    // An address that says nothing but a country is that country; the buyer's own says nothing (the
    // writer sends it for a location given by its identifier only, as Peppol requires a country).
    expect(abroad(country('DE'))).toBe('DE');
    expect(abroad(country('NL'))).toBeNull();
  });

  it('reads an SCSN order with a delivery schedule (one cac:Delivery per delivery line)', () => {
    const doc = read<OrderDocument>('scsn-order.xml');
    expect(doc.profile).toBe('scsn');
    expect(doc.order.lines[0]!.schedule).toEqual([
      { id: '1', date: '2027-02-01', quantity: '40' },
      { id: '2', date: '2027-03-01', quantity: '60' },
    ]);
    // SCSN's schemeID "GLN" is ISO 6523 scheme 0088.
    expect(doc.sender.identifiers.map((i) => `${i.source} ${i.scheme}:${i.value}`)).toEqual([
      'EndpointID 0088:8712345678906',
    ]);
  });

  it('reads an SCSN Changed order with the intent of every line', () => {
    const doc = read<OrderDocument>('scsn-order-changed.xml');
    expect(doc.orderType).toBe('changed');
    expect(doc.changes.map((c) => [c.lineId, c.intent])).toEqual([
      ['1', 'change'],
      ['2', 'auto'],
      ['3', 'add'],
    ]);
    expect(doc.changes[0]!.line!.quantity).toBe('120');
  });

  it('refuses an order that lacks what Schakel needs, naming every missing element', () => {
    const xml = `<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2" ${NS}>
      <cbc:ID>7</cbc:ID>
      <cac:BuyerCustomerParty><cac:Party><cac:PartyName><cbc:Name>Koper</cbc:Name></cac:PartyName></cac:Party></cac:BuyerCustomerParty>
      <cac:OrderLine><cac:LineItem><cbc:ID>1</cbc:ID><cbc:Quantity>5</cbc:Quantity><cac:Item><cbc:Name>Bout</cbc:Name></cac:Item></cac:LineItem></cac:OrderLine>
    </Order>`;
    const e = refusal(() => readText(xml));
    expect(e.code).toBe('validation_failed');
    expect(e.message).toMatch(
      /^Order 7 cannot be imported: \/Order\/cbc:IssueDate is missing: Schakel needs the order date \(and \d+ more\)$/,
    );
    const fields = (e.details.errors as { field: string }[]).map((x) => x.field);
    expect(fields).toEqual([
      '/Order/cbc:IssueDate',
      '/Order/cbc:DocumentCurrencyCode',
      '/Order/cac:BuyerCustomerParty/cac:Party/cbc:EndpointID',
      '/Order/cac:SellerSupplierParty/cac:Party',
      '/Order/cac:OrderLine/cac:LineItem/cbc:Quantity/@unitCode',
      '/Order/cac:OrderLine/cac:LineItem/cac:Price/cbc:PriceAmount',
      // No requested delivery date is no gap: Peppol allows a line without one.
    ]);
  });

  it('refuses an impossible date and a decimal it cannot keep exactly', () => {
    const bad = `<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2" ${NS}><cbc:ID>8</cbc:ID><cbc:IssueDate>2026-01-01</cbc:IssueDate><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
      <cac:BuyerCustomerParty><cac:Party><cbc:EndpointID schemeID="0088">8712345678906</cbc:EndpointID></cac:Party></cac:BuyerCustomerParty>
      <cac:SellerSupplierParty><cac:Party><cbc:EndpointID schemeID="0106">12345678</cbc:EndpointID></cac:Party></cac:SellerSupplierParty>
      <cac:OrderLine><cac:LineItem><cbc:ID>1</cbc:ID><cbc:Quantity unitCode="C62">5</cbc:Quantity>
      <cac:Delivery><cac:RequestedDeliveryPeriod><cbc:EndDate>2026-02-30</cbc:EndDate></cac:RequestedDeliveryPeriod></cac:Delivery>
      <cac:Price><cbc:PriceAmount currencyID="EUR">0.12345678</cbc:PriceAmount></cac:Price><cac:Item><cbc:Name>Bout</cbc:Name></cac:Item></cac:LineItem></cac:OrderLine></Order>`;
    const e = refusal(() => readText(bad));
    const details = (e.details.errors as { detail: string }[]).map((x) => x.detail);
    expect(details).toContain(
      '/Order/cac:OrderLine/cac:LineItem/cac:Delivery/cac:RequestedDeliveryPeriod/cbc:EndDate: "2026-02-30" is not a calendar date written YYYY-MM-DD',
    );
    expect(details).toContain(
      '/Order/cac:OrderLine/cac:LineItem/cac:Price/cbc:PriceAmount: "0.12345678" is not a decimal number Schakel can keep (at most 18 digits before and 6 after the decimal point)',
    );
  });
});

describe('OrderResponse, OrderResponseAdvanced, OrderAgreement', () => {
  it('reads a conditionally accepted Peppol response line by line', () => {
    const doc = read<OrderResponseDocument>('peppol-order-response.xml');
    expect([doc.responseCode, doc.orderNumber, doc.sender.label]).toEqual([
      'CA',
      'PO-2026-0042',
      'seller (cac:SellerSupplierParty)',
    ]);
    expect(doc.lines.map((l) => [l.lineId, l.status, l.quantity, l.deliveries])).toEqual([
      ['10', 'accepted', null, []],
      ['20', 'changed', '200', [{ id: null, date: '2027-01-22', quantity: null }]],
    ]);
    expect(doc.lines[1]!.note).toBe('Only 200 kg in stock; the rest is not available this year');
  });

  it('reads AP without lines', () => {
    const doc = read<OrderResponseDocument>('peppol-order-response-accepted.xml');
    expect([doc.responseCode, doc.lines]).toEqual(['AP', []]);
  });

  it('reads SCSN line statuses and promised delivery lines', () => {
    const doc = read<OrderResponseDocument>('scsn-order-response.xml');
    expect(doc.responseCode).toBeNull();
    expect(
      doc.lines.map((l) => [
        l.lineId,
        l.status,
        l.code,
        l.deliveries.map((d) => `${d.id}:${d.quantity}@${d.date}`),
      ]),
    ).toEqual([
      ['1', 'accepted', 'accepted', ['1:40@2027-02-01', '2:60@2027-03-01']],
      ['2', 'changed', 'revised', ['1:10@2027-03-08']],
    ]);
  });

  it('refuses an SCSN response without a promised delivery date (SCSN BR-10)', () => {
    const e = refusal(() => read('scsn-order-response-without-date.xml'));
    expect(e.message).toContain(
      '/OrderResponse/cac:OrderLine/cac:LineItem/cac:Delivery/cac:PromisedDeliveryPeriod/cbc:EndDate is missing: SCSN requires a promised delivery date',
    );
  });

  it('reads an order agreement: lines without status are agreed lines with their terms', () => {
    const doc = read<OrderResponseDocument>('peppol-order-agreement.xml');
    expect(doc.documentType).toBe('OrderAgreement');
    expect(doc.lines.map((l) => [l.lineId, l.status, l.quantity, l.price, l.deliveries[0]!.date])).toEqual([
      ['10', 'accepted', '100', { amount: '12.5', baseQuantity: '1' }, '2027-01-10'],
      ['20', 'accepted', '250', { amount: '210', baseQuantity: '100' }, '2027-01-29'],
    ]);
  });

  it('reads UBL 2.1 OrderResponseSimple as accepting or rejecting the whole order', () => {
    const xml = (accepted: string) =>
      `<OrderResponseSimple xmlns="urn:oasis:names:specification:ubl:schema:xsd:OrderResponseSimple-2" ${NS}>
        <cbc:ID>S1</cbc:ID><cbc:IssueDate>2026-01-02</cbc:IssueDate><cbc:AcceptedIndicator>${accepted}</cbc:AcceptedIndicator>
        <cbc:RejectionNote>Out of stock</cbc:RejectionNote><cac:OrderReference><cbc:ID>PO-1</cbc:ID></cac:OrderReference>
        <cac:SellerSupplierParty><cac:Party><cbc:EndpointID schemeID="0106">12345678</cbc:EndpointID></cac:Party></cac:SellerSupplierParty>
      </OrderResponseSimple>`;
    expect(readText<OrderResponseDocument>(xml('true')).responseCode).toBe('AP');
    const rejected = readText<OrderResponseDocument>(xml('false'));
    expect([rejected.responseCode, rejected.note]).toEqual(['RE', 'Out of stock']);
  });

  const substitution = (line1Status: string, substitute: string): string =>
    `<OrderResponse xmlns="urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2" ${NS}>
      <cbc:ID>R9</cbc:ID><cbc:IssueDate>2026-01-02</cbc:IssueDate><cbc:OrderResponseCode>CA</cbc:OrderResponseCode>
      <cac:OrderReference><cbc:ID>PO-1</cbc:ID></cac:OrderReference>
      <cac:SellerSupplierParty><cac:Party><cbc:EndpointID schemeID="0106">12345678</cbc:EndpointID></cac:Party></cac:SellerSupplierParty>
      <cac:OrderLine><cac:LineItem><cbc:ID>1</cbc:ID><cbc:LineStatusCode>${line1Status}</cbc:LineStatusCode><cac:Item><cbc:Name>A</cbc:Name></cac:Item></cac:LineItem>
        <cac:SellerSubstitutedLineItem><cbc:ID>1</cbc:ID>${substitute}</cac:SellerSubstitutedLineItem></cac:OrderLine>
    </OrderResponse>`;

  it('reads a substitute item (cac:SellerSubstitutedLineItem): name, seller’s and standard item number', () => {
    const doc = readText<OrderResponseDocument>(
      substitution(
        '3',
        `<cac:Item><cbc:Name>B</cbc:Name><cac:SellersItemIdentification><cbc:ID>SN-B</cbc:ID></cac:SellersItemIdentification>
         <cac:StandardItemIdentification><cbc:ID schemeID="0160">8722700577588</cbc:ID></cac:StandardItemIdentification></cac:Item>`,
      ),
    );
    expect(doc.lines.map((l) => [l.lineId, l.status, l.substitute])).toEqual([
      [
        '1',
        'changed',
        {
          name: 'B',
          description: null,
          buyerItemId: null,
          sellerItemId: 'SN-B',
          standardItemId: { scheme: '0160', value: '8722700577588' },
        },
      ],
    ]);
  });

  it('refuses a substitute without a name, a substitute on a rejected line, and line codes it cannot apply', () => {
    const unnamed = refusal(() => readText(substitution('3', '<cac:Item/>')));
    expect((unnamed.details.errors as { code: string; detail: string }[]).map((x) => x.detail)).toEqual([
      expect.stringContaining('cac:SellerSubstitutedLineItem/cac:Item/cbc:Name is missing'),
    ]);
    const xml = substitution('7', '<cac:Item><cbc:Name>B</cbc:Name></cac:Item>').replace(
      '</OrderResponse>',
      `<cac:OrderLine><cac:LineItem><cbc:ID>2</cbc:ID><cbc:LineStatusCode>42</cbc:LineStatusCode><cac:Item><cbc:Name>C</cbc:Name></cac:Item></cac:LineItem></cac:OrderLine>
    </OrderResponse>`,
    );
    const e = refusal(() => readText(xml));
    expect((e.details.errors as { code: string; detail: string }[]).map((x) => [x.code, x.detail])).toEqual([
      ['unsupported', expect.stringContaining('line 1 is rejected and offers a substitute item at once')],
      ['unsupported', expect.stringContaining('line status "42" cannot be applied')],
    ]);
  });
});

describe('OrderChange and OrderCancellation', () => {
  it('reads the line actions of a Peppol T114 change', () => {
    const doc = read<OrderChangeDocument>('peppol-order-change.xml');
    expect([doc.orderNumber, doc.sequence, doc.reason]).toEqual([
      'PO-2026-0042',
      '1',
      'Production plan moved: more brackets, one week later',
    ]);
    expect(doc.changes.map((c) => [c.lineId, c.intent, c.line?.quantity, c.line?.schedule])).toEqual([
      ['10', 'change', '120', [{ date: '2027-01-17', quantity: '120' }]],
    ]);
  });

  it('reads the word codes of UBL and SCSN (Added, Cancelled, Revised, NoStatus)', () => {
    const line = (id: string, code: string) =>
      `<cac:OrderLine><cac:LineItem><cbc:ID>${id}</cbc:ID><cbc:LineStatusCode>${code}</cbc:LineStatusCode><cbc:Quantity unitCode="C62">1</cbc:Quantity>
       <cac:Delivery><cac:RequestedDeliveryPeriod><cbc:EndDate>2027-01-01</cbc:EndDate></cac:RequestedDeliveryPeriod></cac:Delivery>
       <cac:Price><cbc:PriceAmount currencyID="EUR">1</cbc:PriceAmount></cac:Price><cac:Item><cbc:Name>X</cbc:Name></cac:Item></cac:LineItem></cac:OrderLine>`;
    const doc =
      readText<OrderChangeDocument>(`<OrderChange xmlns="urn:oasis:names:specification:ubl:schema:xsd:OrderChange-2" ${NS}>
      <cbc:ID>C1</cbc:ID><cbc:IssueDate>2026-01-02</cbc:IssueDate><cac:OrderReference><cbc:ID>PO-1</cbc:ID></cac:OrderReference>
      <cac:BuyerCustomerParty><cac:Party><cbc:EndpointID schemeID="0088">8712345678906</cbc:EndpointID></cac:Party></cac:BuyerCustomerParty>
      ${line('1', 'Added')}${line('2', 'Cancelled')}${line('3', 'Revised')}${line('4', 'NoStatus')}${line('5', '4')}</OrderChange>`);
    expect(doc.changes.map((c) => [c.lineId, c.intent])).toEqual([
      ['1', 'add'],
      ['2', 'cancel'],
      ['3', 'change'],
      ['4', 'auto'],
      ['5', 'none'],
    ]);
  });

  it('reads a cancellation and its reason', () => {
    const doc = read<OrderCancellationDocument>('peppol-order-cancellation.xml');
    expect([doc.orderNumber, doc.reason, doc.sender.label]).toEqual([
      'PO-2026-0042',
      'Project stopped by our customer',
      'buyer (cac:BuyerCustomerParty)',
    ]);
  });
});

describe('DespatchAdvice and ReceiptAdvice', () => {
  it('reads shipped quantities per order line and the despatch date', () => {
    const doc = read<DespatchAdviceDocument>('peppol-despatch-advice.xml');
    expect([doc.documentId, doc.despatchDate, doc.sender.label]).toEqual([
      'DA-5501',
      '2027-01-08',
      'despatching party (cac:DespatchSupplierParty)',
    ]);
    expect(doc.lines.map(({ path: _p, ...l }) => l)).toEqual([
      { orderNumber: 'PO-2026-0042', lineId: '10', quantity: '60', unitCode: 'C62' },
    ]);
  });

  it('reads received and rejected quantities with the reason', () => {
    const doc = read<ReceiptAdviceDocument>('ubl-receipt-advice.xml');
    expect(doc.sender.label).toBe('receiving party (cac:DeliveryCustomerParty)');
    expect(doc.lines.map(({ path: _p, ...l }) => l)).toEqual([
      {
        orderNumber: 'PO-2026-0042',
        lineId: '10',
        quantity: '58',
        rejected: '2',
        reason: 'Bent during transport',
        unitCode: 'C62',
      },
    ]);
  });
});

describe('Invoice, CreditNote and MessageLevelResponse', () => {
  it('reads what the three-way match needs from an invoice', () => {
    const doc = read<InvoiceDocument>('peppol-invoice.xml');
    expect([doc.documentId, doc.issueDate, doc.currency, doc.orderNumber, doc.payable]).toEqual([
      'INV-2027-0007',
      '2027-01-12',
      'EUR',
      'PO-2026-0042',
      '877.25',
    ]);
    expect(doc.lines.map(({ path: _p, ...l }) => l)).toEqual([
      {
        lineId: '10',
        item: null,
        quantity: '58',
        unitCode: 'C62',
        price: { amount: '12.5', baseQuantity: '1' },
      },
    ]);
    // The Dutch VAT number is also Peppol identifier 9944.
    expect(doc.sender.identifiers.map((i) => `${i.source} ${i.scheme}:${i.value}`)).toEqual([
      'EndpointID 0106:12345678',
      'PartyTaxScheme 9944:NL123456789B01',
    ]);
  });

  it('reads the invoices a credit note corrects', () => {
    const doc = read<InvoiceDocument>('peppol-credit-note.xml');
    expect([doc.documentType, doc.creditedInvoices, doc.lines[0]!.quantity]).toEqual([
      'CreditNote',
      ['INV-2027-0007'],
      '2',
    ]);
  });

  it('uses the buyer reference as the order number when the invoice has no order reference', () => {
    const doc = readText<InvoiceDocument>(
      fixture('peppol-invoice.xml')
        .toString('utf8')
        .replace(/<cac:OrderReference>[\s\S]*?<\/cac:OrderReference>/, '')
        .replace(
          '<cbc:BuyerReference>PO-2026-0042</cbc:BuyerReference>',
          '<cbc:BuyerReference>PO-BY-BT10</cbc:BuyerReference>',
        ),
    );
    expect(doc.orderNumber).toBe('PO-BY-BT10');
    expect(doc.orderNumberFrom).toBe('BuyerReference');
  });

  it('reads a line without an order line reference by its item, and a negative quantity as a credit', () => {
    const doc = readText<InvoiceDocument>(
      fixture('peppol-invoice.xml')
        .toString('utf8')
        .replace(/<cac:OrderLineReference>[\s\S]*?<\/cac:OrderLineReference>/, '')
        .replace('unitCode="C62">58<', 'unitCode="C62">-58<')
        .replace(
          '</cac:SellersItemIdentification>',
          '</cac:SellersItemIdentification><cac:StandardItemIdentification><cbc:ID schemeID="0160">08712345678906</cbc:ID></cac:StandardItemIdentification>',
        ),
    );
    expect(doc.lines).toEqual([
      {
        lineId: null,
        item: {
          name: 'Beugel type A',
          sellerItemId: 'DZ-100-A',
          buyerItemId: null,
          standardItemId: { value: '08712345678906', scheme: '0160' },
          unitCode: 'C62',
        },
        quantity: '-58',
        unitCode: 'C62',
        price: { amount: '12.5', baseQuantity: '1' },
        path: '/Invoice/cac:InvoiceLine',
      },
    ]);
    expect(doc.orderNumberFrom).toBe('OrderReference');
  });

  it('reads a message level response and the document it answers', () => {
    const doc = read<MessageLevelResponseDocument>('peppol-mlr.xml');
    expect([
      doc.responseCode,
      doc.referencedId,
      doc.sender.identifiers[0]!.value,
      doc.receiver!.identifiers[0]!.value,
    ]).toEqual(['AP', 'PO-2026-0042', '12345678', '8712345678906']);
  });
});
