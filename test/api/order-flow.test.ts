// The whole order life over HTTP: buyer issues, seller proposes, buyer accepts, seller ships with a
// despatch, buyer receives, seller invoices with a mismatch, buyer sees the task and decides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../src/domain/order-events.ts';
import type { Task } from '../../src/domain/tasks.ts';
import {
  acceptAll,
  call,
  createApiFixture,
  getOrder,
  issue,
  orderBody,
  orderOf,
  problemOf,
  type ApiFixture,
} from './api-fixture.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(() => f.close());

const tasksOf = async (token: string): Promise<Task[]> =>
  (await call(f.app, 'GET', '/api/v1/tasks', { token })).json<{ items: Task[] }>().items;

describe('order flow buyer → seller → buyer', () => {
  it('negotiates, ships, receives and settles an invoice mismatch', async () => {
    const buyer = f.buyer.tokens.purchasing;
    const seller = f.seller.tokens.sales;

    // 1. The buyer issues the order.
    const issued = await call(f.app, 'POST', '/api/v1/orders', {
      token: buyer,
      body: orderBody(f.seller.identifier, 'PO-FLOW-1', { note: 'Graag op tijd' }),
    });
    expect(issued.statusCode).toBe(201);
    const order = orderOf(issued);
    expect(issued.headers.location).toBe(`/api/v1/orders/${order.id}`);
    expect(issued.headers.etag).toBe('"1"');
    expect(order).toMatchObject({
      role: 'buyer',
      status: 'issued',
      number: 'PO-FLOW-1',
      note: 'Graag op tijd',
    });
    expect(order.buyer.companyId).toBe(f.buyer.company.id);
    expect(order.seller.companyId).toBe(f.seller.company.id);
    // Decimals come back as canonical strings.
    expect(order.lines[0]!.requested.price).toEqual({ amount: '12.5', baseQuantity: '1' });
    expect(order.lines[0]!.requested.quantity).toBe('100');

    // 2. The seller has its own copy and a task to confirm it.
    expect(await tasksOf(seller)).toContainEqual(
      expect.objectContaining({ kind: 'confirm_order', orderId: order.id, lineIds: ['1', '2'] }),
    );
    const sellerCopy = await getOrder(f, seller, order.id);
    expect(sellerCopy.order.role).toBe('seller');
    expect(sellerCopy.order.lines.map((l) => l.allowedActions)).toEqual([
      ['accept', 'reject', 'propose'],
      ['accept', 'reject', 'propose'],
    ]);

    // 3. The seller accepts line 1 and proposes 80 pieces two weeks later for line 2 (numbers as JSON numbers).
    const responded = await call(f.app, 'POST', `/api/v1/orders/${order.id}/respond`, {
      token: seller,
      headers: { 'if-match': sellerCopy.etag },
      body: {
        answers: [
          { lineId: '1', answer: 'accept' },
          {
            lineId: '2',
            answer: 'propose',
            schedule: [{ date: '2027-04-15', quantity: 80 }],
            note: 'capaciteit',
          },
        ],
      },
    });
    expect(responded.statusCode).toBe(200);
    expect(responded.headers.etag).toBe('"2"');
    const afterRespond = orderOf(responded);
    expect(afterRespond.lines.map((l) => l.state)).toEqual(['agreed', 'proposed']);
    expect(afterRespond.lines[1]!.proposal?.terms.quantity).toBe('80');

    // 4. The buyer sees the proposal as a task and accepts it.
    expect(await tasksOf(buyer)).toContainEqual(
      expect.objectContaining({ kind: 'decide_proposal', orderId: order.id, lineIds: ['2'] }),
    );
    const buyerCopy = await getOrder(f, buyer, order.id);
    expect(buyerCopy.order.lines[1]!.state).toBe('proposed');
    const decided = await call(f.app, 'POST', `/api/v1/orders/${order.id}/decide`, {
      token: buyer,
      headers: { 'if-match': buyerCopy.etag },
      body: { decisions: [{ lineId: '2', decision: 'accept' }] },
    });
    const agreed = orderOf(decided);
    expect(agreed.status).toBe('agreed');
    expect(agreed.lines[1]!.agreed?.quantity).toBe('80');
    expect(agreed.lines[1]!.agreed?.schedule[0]?.date).toBe('2027-04-15');

    // 5. The seller reports production and ships everything with one despatch.
    const produced = await call(f.app, 'POST', `/api/v1/orders/${order.id}/production`, {
      token: seller,
      body: { lines: [{ lineId: '1', deliveryLineId: '1', produced: '100' }] },
    });
    expect(orderOf(produced).status).toBe('in_production');
    const despatch = await call(f.app, 'POST', '/api/v1/despatches', {
      token: seller,
      body: {
        number: 'DESADV-FLOW-1',
        date: '2027-03-30',
        lines: [
          { orderId: order.id, lineId: '1', deliveryLineId: '1', quantity: '100' },
          { orderId: order.id, lineId: '2', deliveryLineId: '1', quantity: '80' },
        ],
      },
    });
    expect(despatch.statusCode).toBe(201);
    const shipped = despatch.json<{ despatchId: string; number: string; orders: { status: string }[] }>();
    expect(shipped.number).toBe('DESADV-FLOW-1');
    expect(shipped.orders.map((o) => o.status)).toEqual(['shipped']);

    // 6. The buyer receives: all of line 1; 78 of line 2 with 2 rejected.
    const received = await call(f.app, 'POST', `/api/v1/orders/${order.id}/receipts`, {
      token: buyer,
      body: {
        lines: [
          { lineId: '1', deliveryLineId: '1', received: '100' },
          { lineId: '2', deliveryLineId: '1', received: '78', rejected: '2', reason: 'verbogen' },
        ],
      },
    });
    const receivedOrder = orderOf(received);
    expect(receivedOrder.status).toBe('received');
    expect(receivedOrder.lines[1]!.quantities).toMatchObject({
      shipped: '80',
      received: '78',
      rejected: '2',
    });

    // 7. The seller invoices line 2 at a higher price than agreed: a mismatch.
    const invoiced = await call(f.app, 'POST', `/api/v1/orders/${order.id}/invoices`, {
      token: seller,
      body: {
        number: 'INV-FLOW-1',
        issueDate: '2027-04-20',
        lines: [
          { lineId: '1', quantity: '100', price: { amount: '12.50' } },
          { lineId: '2', quantity: '78', price: { amount: '13.00' } },
        ],
      },
    });
    const invoice = orderOf(invoiced).invoices[0]!;
    expect(invoice).toMatchObject({ number: 'INV-FLOW-1', status: 'mismatch', total: '2264' });
    expect(invoice.lines.map((l) => l.reasons)).toEqual([[], ['price_differs']]);

    // 8. The buyer's task list shows the mismatch; the buyer approves with a reason.
    const mismatch = (await tasksOf(buyer)).find((t) => t.kind === 'invoice_mismatch');
    expect(mismatch).toMatchObject({ orderId: order.id, invoiceId: invoice.id, lineIds: ['2'] });
    const current = await getOrder(f, buyer, order.id);
    const approved = await call(f.app, 'POST', `/api/v1/orders/${order.id}/invoices/${invoice.id}/decision`, {
      token: buyer,
      headers: { 'if-match': current.etag },
      body: { decision: 'approve', reason: 'meerprijs telefonisch afgesproken' },
    });
    expect(approved.headers.etag).toBe(`"${current.order.version + 1}"`);
    expect(orderOf(approved).invoices[0]).toMatchObject({
      status: 'approved',
      decisionReason: 'meerprijs telefonisch afgesproken',
    });
    expect((await tasksOf(buyer)).filter((t) => t.orderId === order.id)).toEqual([]);

    // 9. Both histories tell the same story, with who did what.
    const history = await call(f.app, 'GET', `/api/v1/orders/${order.id}/history`, { token: buyer });
    const events = history.json<{ items: OrderEvent[] }>().items;
    expect(events.map((e) => e.type)).toEqual([
      'order.issued',
      'line.accepted',
      'line.proposed',
      'proposal.accepted',
      'production.reported',
      'goods.shipped',
      'goods.shipped',
      'goods.received',
      'goods.received',
      'invoice.received',
      'invoice.approved',
    ]);
    // On the buyer's copy the seller's steps name the seller company (they arrived as its documents);
    // the seller's own copy names the token that acted.
    expect(events.find((e) => e.type === 'line.proposed')?.actor).toMatchObject({
      companyId: f.seller.company.id,
      name: f.seller.company.name,
      tokenId: null,
    });
    const sellerHistory = await call(f.app, 'GET', `/api/v1/orders/${order.id}/history`, { token: seller });
    expect(
      sellerHistory.json<{ items: OrderEvent[] }>().items.find((e) => e.type === 'line.proposed')?.actor,
    ).toMatchObject({ companyId: f.seller.company.id, name: 'API token sales token' });
    const lineHistory = await call(f.app, 'GET', `/api/v1/orders/${order.id}/history?lineId=2`, {
      token: seller,
    });
    expect(lineHistory.json<{ items: OrderEvent[] }>().items.every((e) => e.lineId === '2')).toBe(true);
  });

  it('counts a receipt’s received quantity without the rejected one, and invoices against received', async () => {
    const buyer = f.buyer.tokens.purchasing;
    const seller = f.seller.tokens.sales;
    const id = await issue(f, 'PO-RECEIPT-1');
    await acceptAll(f, id);
    const despatch = await call(f.app, 'POST', '/api/v1/despatches', {
      token: seller,
      body: {
        number: 'DESADV-RECEIPT-1',
        date: '2027-03-30',
        lines: [{ orderId: id, lineId: '1', deliveryLineId: '1', quantity: '10' }],
      },
    });
    expect(despatch.statusCode).toBe(201);
    const receive = (line: Record<string, string>) =>
      call(f.app, 'POST', `/api/v1/orders/${id}/receipts`, {
        token: buyer,
        body: { lines: [{ lineId: '1', deliveryLineId: '1', ...line }] },
      });

    // Of the 10 shipped, 2 are refused: received 10 with rejected 2 would be 12, more than was shipped.
    const twelve = await receive({ received: '10', rejected: '2', reason: 'verbogen' });
    expect(problemOf(twelve)).toMatchObject({ status: 422, field: 'lines[0].received' });
    const received = orderOf(await receive({ received: '8', rejected: '2', reason: 'verbogen' }));
    expect(received.lines[0]!.quantities).toMatchObject({ shipped: '10', received: '8', rejected: '2' });
    // Receipts add up: nothing of the 10 is left to receive.
    expect(problemOf(await receive({ received: '1' }))).toMatchObject({
      status: 422,
      field: 'lines[0].received',
    });

    // Invoices are matched against the 8 received: 8 match, the 2 rejected on top do not.
    const invoice = async (number: string, quantity: string) =>
      orderOf(
        await call(f.app, 'POST', `/api/v1/orders/${id}/invoices`, {
          token: seller,
          body: {
            number,
            issueDate: '2027-04-20',
            lines: [{ lineId: '1', quantity, price: { amount: '12.50' } }],
          },
        }),
      ).invoices.find((i) => i.number === number)!;
    expect((await invoice('INV-RECEIPT-8', '8')).lines[0]!.reasons).toEqual([]);
    expect((await invoice('INV-RECEIPT-2', '2')).lines[0]!.reasons).toEqual(['quantity_exceeds_received']);
  });

  it('ships one despatch over several orders, and refuses it as a whole when one line is wrong', async () => {
    const a = await issue(f, 'PO-DESP-A');
    const b = await issue(f, 'PO-DESP-B');
    await acceptAll(f, a);
    await acceptAll(f, b);
    const bad = await call(f.app, 'POST', '/api/v1/despatches', {
      token: f.seller.tokens.sales,
      body: {
        number: 'DESADV-MULTI',
        date: '2027-03-30',
        lines: [
          { orderId: a, lineId: '1', deliveryLineId: '1', quantity: '100' },
          { orderId: b, lineId: '1', deliveryLineId: '1', quantity: '101' },
        ],
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(problemOf(bad)).toMatchObject({ code: 'validation_failed', field: 'lines[1].quantity' });
    // Nothing of the refused despatch was written: order A has nothing shipped.
    expect((await getOrder(f, f.seller.tokens.sales, a)).order.lines[0]!.quantities.shipped).toBe('0');

    const good = await call(f.app, 'POST', '/api/v1/despatches', {
      token: f.seller.tokens.sales,
      body: {
        number: 'DESADV-MULTI',
        date: '2027-03-30',
        lines: [
          { orderId: a, lineId: '1', deliveryLineId: '1', quantity: '100' },
          { orderId: b, lineId: '2', deliveryLineId: '1', quantity: '40' },
        ],
      },
    });
    expect(good.statusCode).toBe(201);
    const orders = good.json<{ orders: { id: string; status: string }[] }>().orders;
    expect(orders.map((o) => [o.id, o.status])).toEqual([
      [a, 'partially_shipped'],
      [b, 'partially_shipped'],
    ]);
    // The buyers' copies know about the shipment too.
    expect((await getOrder(f, f.buyer.tokens.viewer, b)).order.lines[1]!.quantities.shipped).toBe('40');

    const again = await call(f.app, 'POST', '/api/v1/despatches', {
      token: f.seller.tokens.sales,
      body: {
        number: 'DESADV-MULTI',
        date: '2027-03-31',
        lines: [{ orderId: a, lineId: '2', deliveryLineId: '1', quantity: '1' }],
      },
    });
    expect(again.statusCode).toBe(409);
    expect(problemOf(again)).toMatchObject({ code: 'conflict', field: 'number' });
  });
});
