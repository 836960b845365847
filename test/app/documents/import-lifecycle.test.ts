// Documents drive the same lifecycle as the API: each imported document runs the matching use case in
// one transaction with storing the document, the history names the document, both companies hold a
// copy, and what cannot be applied is refused with the place in the document.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Company } from '../../../src/domain/company-types.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import type { Finding } from '../../../src/documents/validation-types.ts';
import { parseXml } from '../../../src/documents/xml-parser.ts';
import { text } from '../../../src/documents/xml-tree.ts';
import type { Caller } from '../../../src/app/deps.ts';
import {
  adminOf,
  createDocumentNode,
  fixture,
  type DocumentNode,
} from '../../documents/support/document-node.ts';

let node: DocumentNode;
let buyer: Company;
let seller: Company;
let sheetMetal: Company;
let B: Caller;
let S: Caller;

beforeEach(async () => {
  node = await createDocumentNode();
  buyer = await node.services.registerCompany({
    name: 'Machinefabriek Noord BV',
    identifiers: ['0088:8712345678906', '9944:NL987654321B01'],
    city: 'Eindhoven',
    country: 'NL',
  });
  seller = await node.services.registerCompany({
    name: 'Draaierij Zuid BV',
    identifiers: ['0106:12345678', '9944:NL123456789B01'],
    city: 'Helmond',
    country: 'NL',
  });
  sheetMetal = await node.services.registerCompany({
    name: 'Plaatwerk Oost BV',
    identifiers: ['0088:8712345678920'],
    city: 'Deventer',
    country: 'NL',
  });
  B = adminOf(buyer);
  S = adminOf(seller);
});
afterEach(() => node.close());

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected the import to be refused');
}

const imported = async (caller: Caller, file: string | Buffer) =>
  (await node.services.importDocument(caller, typeof file === 'string' ? fixture(file) : file)).document;

describe('the Peppol lifecycle through documents', () => {
  it('Order → OrderResponse → OrderChange → DespatchAdvice → ReceiptAdvice → Invoice, each on both copies', async () => {
    const order = await imported(B, 'peppol-order.xml');
    expect([order.documentType, order.status, order.summary]).toEqual([
      'Order',
      'processed',
      { action: 'issued', lines: 2 },
    ]);
    const id = order.orderIds[0]!;

    const response = await imported(S, 'peppol-order-response.xml');
    expect(response.summary).toEqual({
      action: 'answered',
      code: 'CA',
      accepted: 1,
      rejected: 0,
      proposed: 1,
    });
    // A CA response with a changed line is a proposal the buyer decides on.
    let view = await node.services.getOrder(B, id);
    expect(view.lines.map((l) => [l.lineId, l.state])).toEqual([
      ['10', 'agreed'],
      ['20', 'proposed'],
    ]);
    await node.services.decideProposals(B, id, [{ lineId: '20', decision: 'accept' }]);

    // An OrderChange on an agreed line reopens it for the seller.
    await imported(B, 'peppol-order-change.xml');
    view = await node.services.getOrder(S, id);
    expect(view.lines.map((l) => [l.lineId, l.state, l.requested.quantity, l.agreed?.quantity])).toEqual([
      ['10', 'changed', '120', '100'],
      ['20', 'agreed', '200', '200'],
    ]);
    await node.services.respondToLines(S, id, [{ lineId: '10', answer: 'accept' }]);

    await imported(S, 'peppol-despatch-advice.xml');
    await imported(B, 'ubl-receipt-advice.xml');
    const invoice = await imported(S, 'peppol-invoice.xml');
    expect(invoice.summary).toMatchObject({ action: 'invoiced', match: 'matched' });

    view = await node.services.getOrder(B, id);
    expect(view.lines[0]!.quantities).toMatchObject({
      shipped: '60',
      received: '58',
      rejected: '2',
      invoiced: '58',
    });
    expect(view.invoices.map((i) => [i.number, i.status, i.total])).toEqual([
      ['INV-2027-0007', 'matched', '725'],
    ]);

    // Every document of the order is on both copies; the history names the document behind each change.
    const types = (docs: { documentType: string; direction: string }[]) =>
      docs.map((d) => `${d.documentType}:${d.direction}`);
    expect(types(await node.services.listOrderDocuments(B, id))).toEqual([
      'Order:sent',
      'OrderResponse:received',
      'OrderChange:sent',
      // The seller accepted the change in Schakel: its node wrote the OrderResponse.
      'OrderResponse:received',
      'DespatchAdvice:received',
      'ReceiptAdvice:sent',
      'Invoice:received',
    ]);
    expect(types(await node.services.listOrderDocuments(S, id))).toEqual([
      'Order:received',
      'OrderResponse:sent',
      'OrderChange:received',
      'DespatchAdvice:sent',
      'ReceiptAdvice:received',
      'Invoice:sent',
    ]);
    const docs = await node.services.listOrderDocuments(S, id);
    const byType = Object.fromEntries(docs.map((d) => [d.documentType, d.id]));
    const history = await node.services.orderHistory(S, id);
    expect(history.map((e) => [e.type, e.documentId])).toEqual([
      ['order.issued', byType.Order],
      ['line.accepted', byType.OrderResponse],
      ['line.proposed', byType.OrderResponse],
      ['proposal.accepted', null],
      ['line.changed', byType.OrderChange],
      ['line.accepted', null],
      ['goods.shipped', byType.DespatchAdvice],
      ['goods.received', byType.ReceiptAdvice],
      ['invoice.received', byType.Invoice],
    ]);
  });

  it('a cancellation cancels what is still open; a line with shipments stays', async () => {
    const id = (await imported(B, 'peppol-order.xml')).orderIds[0]!;
    await imported(S, 'peppol-order-response-accepted.xml');
    await imported(S, 'peppol-despatch-advice.xml');
    const cancellation = await imported(B, 'peppol-order-cancellation.xml');
    expect(cancellation.summary).toEqual({ action: 'cancelled' });
    const view = await node.services.getOrder(S, id);
    expect(view.lines.map((l) => [l.lineId, l.state, l.reason])).toEqual([
      ['10', 'agreed', null],
      ['20', 'cancelled', 'Project stopped by our customer'],
    ]);
  });

  it('AP answers every open line, and an acknowledgement (AB) is recorded without changing the order', async () => {
    const id = (await imported(B, 'peppol-order.xml')).orderIds[0]!;
    const ab = fixture('peppol-order-response-accepted.xml')
      .toString()
      .replace('>AP<', '>AB<')
      .replace('OR-7790', 'OR-7789');
    const ack = await imported(S, Buffer.from(ab));
    expect([ack.status, ack.summary]).toEqual(['recorded', { action: 'acknowledged', code: 'AB' }]);
    expect((await node.services.getOrder(S, id)).status).toBe('issued');
    await imported(S, 'peppol-order-response-accepted.xml');
    expect((await node.services.getOrder(B, id)).status).toBe('agreed');
  });

  it('an order agreement and an advanced order response apply like a response', async () => {
    const id = (await imported(B, 'peppol-order.xml')).orderIds[0]!;
    const advanced = await imported(S, 'peppol-order-response-advanced.xml');
    expect(advanced.summary).toMatchObject({ accepted: 1, proposed: 1 });
    await node.services.decideProposals(B, id, [
      { lineId: '20', decision: 'reject', reason: 'We need all 250 kg' },
    ]);
    // Line 20 waits for the seller again; the agreement agrees it on new terms (a proposal for the buyer).
    const agreement = await imported(S, 'peppol-order-agreement.xml');
    expect(agreement.documentType).toBe('OrderAgreement');
    const view = await node.services.getOrder(B, id);
    expect(view.lines.map((l) => [l.lineId, l.state, l.proposal?.terms.schedule[0]!.date ?? null])).toEqual([
      ['10', 'agreed', null],
      ['20', 'proposed', '2027-01-29'],
    ]);
  });
});

describe('the SCSN lifecycle through documents', () => {
  it('an order with delivery schedules, line statuses in the response, a Changed order re-sending all lines', async () => {
    const P = adminOf(sheetMetal);
    const id = (await imported(B, 'scsn-order.xml')).orderIds[0]!;
    expect(
      (await node.services.getOrder(P, id)).lines[0]!.requested.schedule.map((s) => [s.id, s.quantity]),
    ).toEqual([
      ['1', '40'],
      ['2', '60'],
    ]);
    await imported(P, 'scsn-order-response.xml');
    let view = await node.services.getOrder(B, id);
    expect(view.lines.map((l) => [l.lineId, l.state])).toEqual([
      ['1', 'agreed'],
      ['2', 'proposed'],
    ]);
    const changed = await imported(B, 'scsn-order-changed.xml');
    expect(changed.summary).toEqual({ action: 'changed', add: 1, change: 1, cancel: 0 });
    view = await node.services.getOrder(P, id);
    expect(view.lines.map((l) => [l.lineId, l.state, l.requested.quantity])).toEqual([
      ['1', 'changed', '120'],
      ['2', 'proposed', '10'],
      ['3', 'open', '4'],
    ]);
    // A Changed order keeps the order number as its ID: the same bytes again are a duplicate; the same
    // content re-sent on another day is a new document that changes nothing (recorded, order untouched).
    const duplicate = await node.services.importDocument(B, fixture('scsn-order-changed.xml'));
    expect([duplicate.created, duplicate.document.id]).toEqual([false, changed.id]);
    const resent = fixture('scsn-order-changed.xml').toString().replace('2026-11-24', '2026-11-25');
    const version = view.version;
    const same = await node.services.importDocument(B, Buffer.from(resent));
    expect([same.created, same.document.status, same.document.summary]).toEqual([
      true,
      'recorded',
      { action: 'unchanged' },
    ]);
    expect((await node.services.getOrder(P, id)).version).toBe(version);
  });

  it('an SCSN response without promised date is refused with SCSN rule BR-10', async () => {
    await imported(B, 'scsn-order.xml');
    const e = await rejection(
      node.services.importDocument(adminOf(sheetMetal), fixture('scsn-order-response-without-date.xml')),
    );
    // The validator's SCSN rule catches it (the reader enforces BR-10 as well, for documents read without it).
    expect(e.code).toBe('validation_failed');
    expect(e.message).toMatch(/promised delivery date/);
    expect(e.message).toMatch(/SCSN/);
  });
});

describe('the same document twice, and IDs reused', () => {
  it('the same bytes again return the first result and change nothing', async () => {
    const first = await node.services.importDocument(B, fixture('peppol-order.xml'));
    const before = await node.services.getOrder(B, first.document.orderIds[0]!);
    const second = await node.services.importDocument(B, fixture('peppol-order.xml'));
    expect(second.created).toBe(false);
    expect(second.document).toEqual(first.document);
    expect((await node.services.getOrder(B, before.id)).version).toBe(before.version);
    expect(await node.services.listOrderDocuments(B, before.id)).toHaveLength(1);
  });

  it('the same document posted twice at the same moment is stored once', async () => {
    const [one, two] = await Promise.all([
      node.services.importDocument(B, fixture('peppol-order.xml')),
      node.services.importDocument(B, fixture('peppol-order.xml')),
    ]);
    expect([one.created, two.created].sort()).toEqual([false, true]);
    expect(one.document.id).toBe(two.document.id);
    expect((await node.services.listOrders(B, {})).items).toHaveLength(1);
  });

  it('another document under a used ID is a conflict naming the first', async () => {
    const first = await node.services.importDocument(B, fixture('peppol-order.xml'));
    const changed = fixture('peppol-order.xml').toString().replace('Deliver to gate 3', 'Deliver to gate 4');
    const e = await rejection(node.services.importDocument(B, Buffer.from(changed)));
    expect([e.code, e.message]).toEqual([
      'conflict',
      `Order PO-2026-0042 was already received from you (document ${first.document.id}) with other content; a changed document needs a new ID`,
    ]);
  });
});

describe('refusals', () => {
  it('a document with fatal findings is refused with them and kept as a rejected record, once', async () => {
    const e = await rejection(node.services.importDocument(B, fixture('peppol-order-invalid.xml')));
    expect(e.code).toBe('validation_failed');
    expect(e.message).toMatch(
      /^Order PO-2026-0043 is not valid: 1 fatal finding, first PEPPOL-T01-R003 at \/Order\/cac:OrderLine\[1\]/,
    );
    const findings = e.details.findings as Finding[];
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['PEPPOL-T01-R003', 'fatal']]);
    const record = await node.services.getDocument(B, String(e.details.documentId));
    expect([record.status, record.orderIds, record.number]).toEqual(['rejected', [], 'PO-2026-0043']);
    const again = await rejection(node.services.importDocument(B, fixture('peppol-order-invalid.xml')));
    expect(again.details.documentId).toBe(e.details.documentId);
    // Nothing reached an order, and the rejected record does not block a corrected document with the same ID.
    expect((await node.services.listOrders(B, {})).items).toEqual([]);
    const fixed = fixture('peppol-order-invalid.xml')
      .toString()
      .replace('currencyID="USD"', 'currencyID="EUR"');
    expect((await node.services.importDocument(B, Buffer.from(fixed))).created).toBe(true);
  });

  it('only the sending party may import a document; the error names both', async () => {
    const e = await rejection(node.services.importDocument(S, fixture('peppol-order.xml')));
    expect([e.code, e.message]).toEqual([
      'forbidden',
      'only the buyer sends an Order: the buyer (cac:BuyerCustomerParty) "Machinefabriek Noord BV" is EndpointID 0088:8712345678906, but you are Draaierij Zuid BV (0106:12345678, 9944:NL123456789B01)',
    ]);
    const asBuyer = await rejection(node.services.importDocument(B, fixture('peppol-invoice.xml')));
    expect(asBuyer.code).toBe('forbidden');
  });

  it('a party no company holds is named with every identifier that was looked for', async () => {
    const unknownSeller = fixture('peppol-order.xml')
      .toString()
      .replace(
        '<cbc:EndpointID schemeID="0106">12345678</cbc:EndpointID>',
        '<cbc:EndpointID schemeID="0106">99999999</cbc:EndpointID>',
      );
    const e = await rejection(node.services.importDocument(B, Buffer.from(unknownSeller)));
    expect(e.message).toBe(
      'no company on this node is the seller (cac:SellerSupplierParty) "Draaierij Zuid BV" at /Order/cac:SellerSupplierParty/cac:Party: looked for EndpointID 0106:99999999',
    );
  });

  it('a response to an order the seller does not have is not found', async () => {
    const e = await rejection(node.services.importDocument(S, fixture('peppol-order-response.xml')));
    expect([e.code, e.message]).toEqual([
      'not_found',
      'there is no sales order with number PO-2026-0042 for the buyer (cac:BuyerCustomerParty)',
    ]);
  });

  it("the domain's refusal names the place in the document, and nothing is stored", async () => {
    const id = (await imported(B, 'peppol-order.xml')).orderIds[0]!;
    await imported(S, 'peppol-order-response-accepted.xml');
    const tooMuch = fixture('peppol-despatch-advice.xml')
      .toString()
      .replace('unitCode="C62">60<', 'unitCode="C62">160<');
    const e = await rejection(node.services.importDocument(S, Buffer.from(tooMuch)));
    expect(e.message).toBe(
      'shipping 160 would exceed the agreed 100 of delivery line 1 (already shipped 0) (at /DespatchAdvice/cac:DespatchLine)',
    );
    expect(e.details.field).toBe('/DespatchAdvice/cac:DespatchLine');
    expect((await node.services.listOrderDocuments(S, id)).map((d) => d.documentType)).toEqual([
      'Order',
      'OrderResponse',
    ]);
    expect((await node.services.getOrder(S, id)).lines[0]!.quantities.shipped).toBe('0');
  });

  it('a role without the buy permission cannot send an order document', async () => {
    const sales: Caller = { ...B, role: 'sales' };
    const e = await rejection(node.services.importDocument(sales, fixture('peppol-order.xml')));
    expect([e.code, e.message]).toEqual(['forbidden', 'the role sales may not act as buyer']);
  });

  it('unreadable input is refused with the parser finding and not stored', async () => {
    const e = await rejection(
      node.services.importDocument(B, Buffer.from('<!DOCTYPE x [<!ENTITY a "b">]><x/>')),
    );
    expect(e.message).toMatch(/^the document cannot be read: 1 fatal finding, first SCHAKEL-XML-002/);
    expect(e.details.documentId).toBeUndefined();
  });
});

describe('credit notes and message level responses', () => {
  it('a credit note is recorded and linked to the order of the invoice it corrects', async () => {
    const id = (await imported(B, 'peppol-order.xml')).orderIds[0]!;
    const credit = await imported(S, 'peppol-credit-note.xml');
    expect([credit.status, credit.orderIds, credit.summary]).toEqual([
      'recorded',
      [id],
      { action: 'credit_note_recorded', credits: ['INV-2027-0007'] },
    ]);
  });

  it('an MLR from the partner is attached to the document it answers; the node writes MLRs too', async () => {
    const order = await imported(B, 'peppol-order.xml');
    const mlr = await imported(S, 'peppol-mlr.xml');
    // The seller's system answers the Order as the seller received it (its own record of it)…
    const sellerCopy = (await node.services.listOrderDocuments(S, order.orderIds[0]!)).find(
      (d) => d.documentType === 'Order',
    )!;
    expect(sellerCopy.direction).toBe('received');
    expect(mlr.summary).toEqual({
      action: 'response_recorded',
      code: 'AP',
      respondsTo: sellerCopy.id,
      referencedId: 'PO-2026-0042',
    });
    // …and its node sends the MLR on to the buyer, whose Order document then carries it.
    const received = (await node.services.listOrderDocuments(B, order.orderIds[0]!)).find(
      (d) => d.documentType === 'MessageLevelResponse',
    )!;
    expect([received.direction, received.summary.respondsTo]).toEqual(['received', order.id]);
    expect((await node.services.getDocument(B, order.id)).partnerResponse).toMatchObject({
      code: 'AP',
      documentId: received.id,
    });

    const e = await rejection(node.services.importDocument(B, fixture('peppol-order-invalid.xml')));
    const written = await node.services.exportDocumentResponse(B, String(e.details.documentId));
    const root = parseXml(written.xml);
    expect([
      text(root, 'cac:DocumentResponse/cac:Response/cbc:ResponseCode'),
      text(root, 'cac:DocumentResponse/cac:DocumentReference/cbc:ID'),
    ]).toEqual(['RE', 'PO-2026-0043']);
    expect(text(root, 'cac:DocumentResponse/cac:LineResponse/cac:Response/cbc:Description')).toMatch(
      /^\[PEPPOL-T01-R003\]/,
    );
    const ok = parseXml((await node.services.exportDocumentResponse(S, sellerCopy.id)).xml);
    expect([
      text(ok, 'cac:DocumentResponse/cac:Response/cbc:ResponseCode'),
      text(ok, 'cac:SenderParty/cbc:EndpointID'),
    ]).toEqual(['AP', '12345678']);
  });
});

describe('exports', () => {
  it('an order by its number; an export that would not pass validation is refused with the findings', async () => {
    await node.services.registerCompany({
      name: 'Gieterij West BV',
      identifiers: ['0106:11223344'],
      city: 'Tilburg',
      country: 'NL',
    });
    const id = (await imported(B, 'peppol-order.xml')).orderIds[0]!;
    const byNumber = await node.services.exportOrderDocument(B, 'PO-2026-0042', { type: 'Order' });
    expect([byNumber.orderId, byNumber.fileName, byNumber.profile]).toEqual([
      id,
      'Order-PO-2026-0042.xml',
      'peppol',
    ]);
    // Line 20 has no seller's item number? It has; line items need one for T16, so ship a line without.
    const issued = await node.services.issueOrder(B, {
      seller: '0106:12345678',
      number: 'PO-NO-ITEM-ID',
      issueDate: '2026-11-20',
      currency: 'EUR',
      lines: [
        {
          lineId: '1',
          item: { name: 'Special part' },
          unitCode: 'C62',
          price: { amount: '1' },
          schedule: [{ date: '2027-01-01', quantity: '5' }],
        },
      ],
    });
    await node.services.respondToLines(S, issued.id, [{ lineId: '1', answer: 'accept' }]);
    await node.services.shipGoods(S, {
      number: 'D-77',
      date: '2026-12-01',
      lines: [{ orderId: issued.id, lineId: '1', deliveryLineId: '1', quantity: '5' }],
    });
    const e = await rejection(node.services.exportOrderDocument(S, issued.id, { type: 'DespatchAdvice' }));
    expect(e.message).toMatch(
      /^the DespatchAdvice of order PO-NO-ITEM-ID would not pass validation \(1 fatal finding, first PEPPOL-T16-R003/,
    );
    expect((e.details.findings as Finding[])[0]!.rule).toBe('PEPPOL-T16-R003');
    const unknown = await rejection(
      node.services.exportOrderDocument(B, 'PO-DOES-NOT-EXIST', { type: 'Order' }),
    );
    expect(unknown.code).toBe('not_found');
  });
});
