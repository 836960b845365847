// Every order action between two real nodes (loopback HTTP, each with its own PGlite store): buyer A on
// node 1, seller B on node 2. Changes travel as their UBL documents (SchakelOrderAction only where no
// UBL counterpart exists), the receiver maps them onto its own copy and both copies agree after every
// step; received documents are kept byte-exact; a message that cannot be applied gets a Message Level
// Response back, which the sender records and turns into a task; an MLR never gets an MLR.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type RunningNode } from '../../../src/cli/start-node.ts';
import type { Order } from '../../../src/domain/order-types.ts';
import { ACTION_PAYLOAD_TYPE, writeActionPayload } from '../../../src/network/action-payload.ts';
import type { Caller } from '../../../src/app/deps.ts';
import { dutchVatNumber } from '../../../src/demo/seed-demo.ts';
import { queueEnvelope } from '../../../src/app/exchange/index.ts';
import type { OrderChange } from '../../../src/app/orders/index.ts';
import { connectBothWays } from '../../support/network-nodes.ts';

const A_ID = '0106:21212121';
const B_ID = '0106:43434343';

let n1: RunningNode;
let n2: RunningNode;
let asA: Caller;
let asB: Caller;
/** Company ids: A and B where they are hosted, and each as the other node's remote partner. */
let aId: string;
let bId: string;
let bAtN1: string;
let aAtN2: string;

const payloadOf = (jws: string): Buffer => Buffer.from(jws.split('.')[1]!, 'base64url');

/** Delivers both outboxes until nothing is left in flight. */
async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await n1.outbox.drain();
    await n2.outbox.drain();
  }
}

/** An order copy without what is node-local: the owner, its role and the company ids of the parties. */
const portable = (o: Order) => {
  const { companyId: _c, role: _r, buyer, seller, ...rest } = o;
  return {
    ...rest,
    buyer: { ...buyer, companyId: null },
    seller: { ...seller, companyId: null },
  };
};

/** Both copies of an order, after checking that they agree. */
async function agree(orderId: string): Promise<Order> {
  const buyer = await n1.services.deps.store.orders.get(aId, orderId);
  const seller = await n2.services.deps.store.orders.get(bId, orderId);
  expect(buyer?.role).toBe('buyer');
  expect(seller?.role).toBe('seller');
  expect(portable(seller!)).toEqual(portable(buyer!));
  return buyer!;
}

/** The document types of a company's outgoing messages in one conversation, in seq order. */
async function sentTypes(node: RunningNode, companyId: string, orderId: string) {
  return (await node.services.deps.store.outbox.listByCompany(companyId))
    .filter((m) => m.conversationId === orderId)
    .sort((x, y) => x.seq - y.seq)
    .map((m) => m.documentType);
}

const line = (lineId: string, quantity = '100') => ({
  lineId,
  item: { name: `Beugel ${lineId}`, buyerItemId: `VD-${lineId}` },
  unitCode: 'C62',
  price: { amount: '12.5' },
  schedule: [{ id: '1', date: '2027-04-01', quantity }],
});

async function issue(number: string, lines = [line('1'), line('2')]): Promise<Order> {
  const order = await n1.services.issueOrder(asA, {
    seller: B_ID,
    number,
    issueDate: '2026-11-22',
    currency: 'EUR',
    lines,
  });
  await settle();
  return order;
}

beforeAll(async () => {
  [n1, n2] = await Promise.all([startNode({ deliveryIntervalMs: 0 }), startNode({ deliveryIntervalMs: 0 })]);
  const a = await n1.services.registerCompany({ name: 'Inkoop A BV', identifiers: [A_ID], country: 'NL' });
  // A Peppol invoice needs the seller's VAT number.
  const b = await n2.services.registerCompany({
    name: 'Verkoop B BV',
    identifiers: [B_ID, `9944:${dutchVatNumber('43434343')}`],
    country: 'DE',
  });
  aId = a.id;
  bId = b.id;
  asA = await n1.services.authenticate({
    bearer: (await n1.services.createApiToken(a.id, { name: 'erp', role: 'admin' })).token,
  });
  asB = await n2.services.authenticate({
    bearer: (await n2.services.createApiToken(b.id, { name: 'erp', role: 'admin' })).token,
  });
  await connectBothWays({ node: n1, id: A_ID }, { node: n2, id: B_ID });
  bAtN1 = (await n1.services.deps.store.companies.findByIdentifier('0106', '43434343'))!.id;
  aAtN2 = (await n2.services.deps.store.companies.findByIdentifier('0106', '21212121'))!.id;
}, 240_000);

afterAll(async () => {
  await n1?.close();
  await n2?.close();
});

describe('every order action between two nodes', { timeout: 180_000 }, () => {
  it('travels as its UBL document and leaves both copies the same after every step', async () => {
    const order = await issue('PO-X-1');
    await agree(order.id);

    await n2.services.respondToLines(asB, order.id, [
      { lineId: '1', answer: 'accept' },
      { lineId: '2', answer: 'propose', price: { amount: '13' }, note: 'steel went up' },
    ]);
    await settle();
    expect((await agree(order.id)).lines.map((l) => l.state)).toEqual(['agreed', 'proposed']);

    await n1.services.decideProposals(asA, order.id, [{ lineId: '2', decision: 'accept' }]);
    await settle();
    await n1.services.changeOrder(asA, order.id, {
      add: [line('3', '20')],
      change: [{ lineId: '1', schedule: [{ id: '1', date: '2027-04-15', quantity: '120' }] }],
      reason: 'more needed',
    });
    await settle();
    expect((await agree(order.id)).lines.map((l) => l.state)).toEqual(['changed', 'agreed', 'open']);

    await n2.services.respondToLines(asB, order.id, [
      { lineId: '1', answer: 'accept' },
      { lineId: '3', answer: 'reject', reason: 'not in our range' },
    ]);
    await n2.services.reportProduction(asB, order.id, [
      { lineId: '1', deliveryLineId: '1', produced: '120' },
    ]);
    const shipped = await n2.services.shipGoods(asB, {
      number: 'DESP-X-1',
      date: '2027-04-10',
      lines: [
        { orderId: order.id, lineId: '1', deliveryLineId: '1', quantity: '120' },
        { orderId: order.id, lineId: '2', deliveryLineId: '1', quantity: '60' },
      ],
    });
    await settle();
    const afterShip = await agree(order.id);
    expect(afterShip.lines[0]!.progress['1']).toMatchObject({ produced: '120', shipped: '120' });
    expect(afterShip.lines[1]!.progress['1']).toMatchObject({ shipped: '60' });
    // The despatch id is derived from the seller and the despatch number: the buyer's history names it too.
    const buyerShipped = (await n1.services.deps.store.orders.events(aId, order.id)).filter(
      (e) => e.type === 'goods.shipped',
    );
    expect(buyerShipped.map((e) => e.data.despatchId)).toEqual([shipped.despatchId, shipped.despatchId]);

    await n1.services.receiveGoods(asA, order.id, [
      { lineId: '1', deliveryLineId: '1', received: '118', rejected: '2', reason: 'two bent' },
    ]);
    await n1.services.receiveGoods(asA, order.id, [{ lineId: '2', deliveryLineId: '1', received: '60' }]);
    await settle();
    const afterReceipt = await agree(order.id);
    // Two receipts, each sent as only what it received: nothing is counted twice.
    expect(afterReceipt.lines[0]!.progress['1']).toMatchObject({ received: '118', rejected: '2' });
    expect(afterReceipt.lines[1]!.progress['1']).toMatchObject({ received: '60' });

    await n2.services.submitInvoice(asB, order.id, {
      number: 'INV-X-1',
      issueDate: '2027-04-20',
      lines: [
        { lineId: '1', quantity: '118', price: { amount: '12.5' } },
        { lineId: '2', quantity: '60', price: { amount: '14' } },
      ],
    });
    await settle();
    const invoiced = await agree(order.id);
    expect(invoiced.invoices.map((i) => i.status)).toEqual(['mismatch']);
    await n1.services.decideInvoice(asA, order.id, invoiced.invoices[0]!.id, 'approve', 'agreed by phone');
    await n1.services.reopenLines(asA, order.id, ['2'], 'one more batch after all');
    await settle();
    const final = await agree(order.id);
    expect(final.invoices[0]!.status).toBe('approved');
    expect(final.lines[1]!.state).toBe('reopened');

    expect(await sentTypes(n1, aId, order.id)).toEqual([
      'Order',
      ACTION_PAYLOAD_TYPE, // decide
      'OrderChange',
      'ReceiptAdvice',
      'ReceiptAdvice',
      ACTION_PAYLOAD_TYPE, // decideInvoice
      ACTION_PAYLOAD_TYPE, // reopen
    ]);
    expect(await sentTypes(n2, bId, order.id)).toEqual([
      'OrderResponse',
      'OrderResponse',
      ACTION_PAYLOAD_TYPE, // reportProduction
      'DespatchAdvice',
      'Invoice',
    ]);
    const inbox = await n2.services.deps.store.inbox.listByReceiver(bId);
    expect(inbox.filter((m) => m.conversationId === order.id).every((m) => m.status === 'applied')).toBe(
      true,
    );

    // Both histories tell the same story in the same order.
    const story = async (node: RunningNode, companyId: string) =>
      (await node.services.deps.store.orders.events(companyId, order.id)).map((e) => [
        e.type,
        e.lineId,
        e.reason,
        e.at,
      ]);
    expect(await story(n2, bId)).toEqual(await story(n1, aId));
  });

  it('gives the seller the delivery address as the buyer typed it, with or without a country', async () => {
    // A is Dutch: an address without a country goes out with cac:Country NL, which must not come back
    // as part of the text; a country the buyer did type stays, its own or another.
    for (const [i, address] of [
      'De Run 1, Eindhoven',
      'De Run 1, Eindhoven, NL',
      'Hafenstr. 5, Köln, DE',
    ].entries()) {
      const deliveryLocation = { name: 'Hal 3', identifier: null, address };
      const order = await n1.services.issueOrder(asA, {
        seller: B_ID,
        number: `PO-X-ADDR-${i}`,
        issueDate: '2026-11-22',
        currency: 'EUR',
        deliveryLocation,
        lines: [line('1')],
      });
      await settle();
      expect((await agree(order.id)).deliveryLocation).toEqual(deliveryLocation);
    }
  });

  it('carries a cancellation as an OrderCancellation', async () => {
    const order = await issue('PO-X-2');
    await n2.services.respondToLines(asB, order.id, [
      { lineId: '1', answer: 'accept' },
      { lineId: '2', answer: 'accept' },
    ]);
    await settle();
    await n1.services.cancelOrder(asA, order.id, 'project stopped');
    await settle();
    const cancelled = await agree(order.id);
    expect(cancelled.lines.map((l) => l.state)).toEqual(['cancelled', 'cancelled']);
    expect(await sentTypes(n1, aId, order.id)).toEqual(['Order', 'OrderCancellation']);
  });

  it('sends an invoice the node cannot write validly as the action, and both copies still agree', async () => {
    // A Dutch seller without VAT number or street address: no valid Peppol invoice can be written for it.
    const c = await n2.services.registerCompany({
      name: 'Lasbedrijf C BV',
      identifiers: ['0106:65656565'],
      country: 'NL',
    });
    const asC = await n2.services.authenticate({
      bearer: (await n2.services.createApiToken(c.id, { name: 'erp', role: 'admin' })).token,
    });
    const card = await n1.services.fetchPartnerCard(n2.url, '0106:65656565');
    await n1.services.pinPartner(card, card.fingerprint);
    // A is already a remote partner of node 2 (pinned for B): C reaches it without pinning again.
    const order = await n1.services.issueOrder(asA, {
      seller: '0106:65656565',
      number: 'PO-X-C',
      issueDate: '2026-11-22',
      currency: 'EUR',
      lines: [line('1', '10')],
    });
    await settle();
    await n2.services.respondToLines(asC, order.id, [{ lineId: '1', answer: 'accept' }]);
    await n2.services.submitInvoice(asC, order.id, {
      number: 'INV-C-1',
      issueDate: '2027-04-20',
      lines: [{ lineId: '1', quantity: '10', price: { amount: '12.5' } }],
    });
    await settle();
    const buyer = await n1.services.deps.store.orders.get(aId, order.id);
    const seller = await n2.services.deps.store.orders.get(c.id, order.id);
    expect(portable(seller!)).toEqual(portable(buyer!));
    expect(buyer!.invoices.map((i) => i.number)).toEqual(['INV-C-1']);
    expect(await sentTypes(n2, c.id, order.id)).toEqual(['OrderResponse', ACTION_PAYLOAD_TYPE]);
  });

  it('keeps each received document in the receiver’s documents, byte-exact, linked to the order', async () => {
    const order = await issue('PO-X-3');
    const [sent] = (await n1.services.deps.store.outbox.listByCompany(aId)).filter(
      (m) => m.conversationId === order.id,
    );
    const listed = await n2.services.listOrderDocuments(asB, order.id);
    expect(listed.map((d) => [d.documentType, d.direction, d.status])).toEqual([
      ['Order', 'received', 'processed'],
    ]);
    const doc = await n2.services.getDocument(asB, listed[0]!.id);
    expect(doc).toMatchObject({
      number: 'PO-X-3',
      profile: expect.stringMatching(/^peppol/),
      partnerCompanyId: aAtN2,
      orderIds: [order.id],
      summary: { messageId: sent!.id },
    });
    const content = await n2.services.getDocumentContent(asB, doc.id);
    expect(Buffer.from(content).equals(payloadOf(sent!.envelope))).toBe(true);
    // The seller's history names the document the order arrived in.
    const [issued] = await n2.services.deps.store.orders.events(bId, order.id);
    expect(issued!.documentId).toBe(doc.id);
    // Through the HTTP API as well.
    const token = (await n2.services.createApiToken(bId, { name: 'viewer', role: 'viewer' })).token;
    const r = await fetch(`${n2.url}/api/v1/documents/${doc.id}/content`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(r.status).toBe(200);
    expect(Buffer.from(await r.arrayBuffer()).equals(payloadOf(sent!.envelope))).toBe(true);
  });

  it('sends an imported document as its original bytes', async () => {
    const written = await issue('PO-X-8');
    const [sent] = (await n1.services.deps.store.outbox.listByCompany(aId)).filter(
      (m) => m.conversationId === written.id,
    );
    // The company's own system hands the node an Order (here: the one the node wrote, renumbered).
    const bytes = Buffer.from(
      payloadOf(sent!.envelope).toString().replaceAll('>PO-X-8<', '>PO-X-IMP<').replace('\n', '\n\n'),
    );
    const imported = await n1.services.importDocument(asA, new Uint8Array(bytes));
    const [orderId] = imported.document.orderIds;
    const [out] = (await n1.services.deps.store.outbox.listByCompany(aId)).filter(
      (m) => m.conversationId === orderId,
    );
    expect(out).toMatchObject({ documentType: 'Order', documentId: imported.document.id });
    expect(payloadOf(out!.envelope).equals(bytes)).toBe(true);
    await settle();
    const [received] = await n2.services.listOrderDocuments(asB, orderId!);
    expect(received).toMatchObject({ number: 'PO-X-IMP', direction: 'received', status: 'processed' });
    expect(Buffer.from(await n2.services.getDocumentContent(asB, received!.id)).equals(bytes)).toBe(true);
    await agree(orderId!);
  });

  it('announces a change applied from an envelope on the receiver’s change feed', async () => {
    const order = await issue('PO-X-4');
    const heard: OrderChange[] = [];
    const stop = n1.services.deps.changes.subscribe(aId, (c) => heard.push(c));
    try {
      await n2.services.respondToLines(asB, order.id, [{ lineId: '1', answer: 'accept' }]);
      expect(heard).toEqual([]);
      await settle();
      expect(heard).toMatchObject([
        { orderId: order.id, orderNumber: 'PO-X-4', action: 'respond', byCompanyId: bAtN1 },
      ]);
    } finally {
      stop();
    }
  });
});

describe('a message the receiver cannot apply', { timeout: 180_000 }, () => {
  /** Sends `bytes` from A to B as if A's node had written them, in conversation `conversationId`. */
  async function sendAsA(conversationId: string, documentType: string, bytes: Uint8Array): Promise<string> {
    const deps = n1.services.deps;
    const id = await deps.store.transaction((tx) =>
      queueEnvelope(deps, tx, {
        from: aId,
        to: bAtN1,
        conversationId,
        payload: { documentType, bytes },
        at: new Date().toISOString(),
      }),
    );
    await settle();
    return id;
  }

  it('gets a Message Level Response RE back, which the sender records and lists as a task', async () => {
    // A real OrderChange, sent in the conversation of an order B does not know.
    const order = await issue('PO-X-5');
    await n2.services.respondToLines(asB, order.id, [{ lineId: '1', answer: 'accept' }]);
    await settle();
    await n1.services.changeOrder(asA, order.id, { add: [line('9')] });
    await settle();
    const change = (await n1.services.deps.store.outbox.listByCompany(aId)).find(
      (m) => m.conversationId === order.id && m.documentType === 'OrderChange',
    )!;
    const unknown = randomUUID();
    const messageId = await sendAsA(unknown, 'OrderChange', payloadOf(change.envelope));

    const failed = (await n2.services.deps.store.inbox.listByReceiver(bId)).find(
      (m) => m.messageId === messageId,
    );
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed!.result.error).toMatch(/unknown to Verkoop B BV/);
    // B keeps what arrived, refused, with the reason.
    const kept = await n2.services.getDocument(asB, String(failed!.result.documentId));
    expect(kept).toMatchObject({ documentType: 'OrderChange', status: 'rejected', direction: 'received' });

    // B's node answered with an MLR in the same conversation; A's node recorded it on the message.
    const [mlr] = (await n2.services.deps.store.outbox.listByCompany(bId)).filter(
      (m) => m.conversationId === unknown,
    );
    expect(mlr).toMatchObject({ documentType: 'MessageLevelResponse', status: 'delivered', seq: 1 });
    const mlrXml = payloadOf(mlr!.envelope).toString();
    expect(mlrXml).toContain('<cbc:ResponseCode>RE</cbc:ResponseCode>');
    expect(mlrXml).toContain(`<cbc:ID>${messageId}</cbc:ID>`);
    const answered = await n1.services.deps.store.outbox.get(messageId);
    expect(answered!.partnerResponse).toMatchObject({ code: 'RE' });
    expect(answered!.partnerResponse!.description).toMatch(/^OrderChange PO-X-5-OC-\d+: .*unknown/);
    const response = await n1.services.getDocument(asA, answered!.partnerResponse!.documentId);
    expect(response).toMatchObject({ documentType: 'MessageLevelResponse', direction: 'received' });

    const tasks = await n1.services.listTasks(asA);
    expect(tasks.find((t) => t.messageId === messageId)).toMatchObject({
      kind: 'document_rejected',
      documentType: 'OrderChange',
      partner: 'Verkoop B BV',
      lastError: expect.stringMatching(/^rejected by partner: OrderChange .*unknown/),
    });
  });

  it('refuses a document with a fatal finding, names the rule in the MLR, and the conversation goes on', async () => {
    const order = await issue('PO-X-6');
    const [sent] = (await n1.services.deps.store.outbox.listByCompany(aId)).filter(
      (m) => m.conversationId === order.id,
    );
    // The same order again without its required issue date: a fatal finding of the validator.
    const broken = payloadOf(sent!.envelope)
      .toString()
      .replace(/<cbc:IssueDate>[^<]*<\/cbc:IssueDate>/, '');
    const messageId = await sendAsA(order.id, 'Order', new TextEncoder().encode(broken));
    const failed = (await n2.services.deps.store.inbox.listByReceiver(bId)).find(
      (m) => m.messageId === messageId,
    )!;
    expect(failed.status).toBe('failed');
    const kept = await n2.services.getDocument(asB, String(failed.result.documentId));
    expect(kept.status).toBe('rejected');
    expect(kept.orderIds).toEqual([order.id]);
    const rules = (kept.findings as { rule: string; severity: string }[])
      .filter((f) => f.severity === 'fatal')
      .map((f) => f.rule);
    expect(rules.length).toBeGreaterThan(0);
    const content = await n2.services.getDocumentContent(asB, kept.id);
    expect(Buffer.from(content).toString()).toBe(broken);

    const answered = await n1.services.deps.store.outbox.get(messageId);
    expect(answered!.partnerResponse).toMatchObject({ code: 'RE' });
    for (const rule of rules) expect(answered!.partnerResponse!.description).toContain(rule);
    // The order is unchanged and later messages in the conversation still apply.
    await n2.services.respondToLines(asB, order.id, [{ lineId: '2', answer: 'accept' }]);
    await settle();
    expect((await agree(order.id)).lines.map((l) => l.state)).toEqual(['open', 'agreed']);
  });

  it('refuses a SchakelOrderAction of the wrong shape like an invalid document, not as its own failure', async () => {
    const order = await issue('PO-X-9');
    // A decide whose one decision is null: the domain's code trips over it with a TypeError.
    const xml = new TextDecoder()
      .decode(
        writeActionPayload({
          orderNumber: order.number,
          actorRole: 'buyer',
          action: { type: 'decide', decisions: [] },
        }),
      )
      .replace('"decisions":[]', '"decisions":[null]');
    expect(xml).toContain('"decisions":[null]');
    const messageId = await sendAsA(order.id, ACTION_PAYLOAD_TYPE, new TextEncoder().encode(xml));
    const failed = (await n2.services.deps.store.inbox.listByReceiver(bId)).find(
      (m) => m.messageId === messageId,
    )!;
    expect(failed.status).toBe('failed');
    expect(String(failed.result.error)).toMatch(/SchakelOrderAction is malformed/);
    const sent = await n1.services.deps.store.outbox.get(messageId);
    expect(sent).toMatchObject({ status: 'delivered', partnerResponse: { code: 'RE' } });
    // The conversation goes on.
    await n2.services.respondToLines(asB, order.id, [{ lineId: '1', answer: 'accept' }]);
    await settle();
    expect((await agree(order.id)).lines.map((l) => l.state)).toEqual(['agreed', 'open']);
  });

  it('never answers a Message Level Response with another one', async () => {
    const order = await issue('PO-X-7');
    const before = (await n2.services.deps.store.outbox.listByCompany(bId)).length;
    // An MLR about a message B never sent: B cannot record it, and stays silent.
    const mlr = (await n1.services.deps.store.outbox.listByCompany(aId)).length;
    const { writeApplicationResponse } =
      await import('../../../src/documents/application-response-writer.ts');
    const xml = writeApplicationResponse({
      sender: { scheme: '0106', value: '21212121' },
      receiver: { scheme: '0106', value: '43434343' },
      documentNumber: randomUUID(),
      responseId: randomUUID(),
      issueDate: '2026-11-22',
      code: 'RE',
      description: 'no such message',
      findings: [],
    });
    const messageId = await sendAsA(order.id, 'MessageLevelResponse', new TextEncoder().encode(xml));
    const failed = (await n2.services.deps.store.inbox.listByReceiver(bId)).find(
      (m) => m.messageId === messageId,
    );
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed!.result.responseMessageId).toBeUndefined();
    expect((await n2.services.deps.store.outbox.listByCompany(bId)).length).toBe(before);
    expect((await n1.services.deps.store.outbox.listByCompany(aId)).length).toBe(mlr + 1);
  });
});
