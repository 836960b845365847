// From what a document says to what happens to the order: the answers a response gives, the change an
// OrderChange or SCSN Changed order makes, how despatched and received quantities are spread over
// delivery lines, and the invoice input for the three-way match.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import type { OrderAction } from '../../src/domain/order-actions.ts';
import type { Order } from '../../src/domain/order-types.ts';
import { allocateReceipt, allocateShipment } from '../../src/documents/delivery-allocation.ts';
import { mapDespatch } from '../../src/documents/despatch-mapper.ts';
import type {
  DespatchAdviceDocument,
  InvoiceDocument,
  OrderChangeDocument,
  OrderDocument,
  OrderResponseDocument,
  ReceiptAdviceDocument,
} from '../../src/documents/document-model.ts';
import { mapInvoice } from '../../src/documents/invoice-mapper.ts';
import { mapOrderChange } from '../../src/documents/order-change-mapper.ts';
import { mapOrderResponse } from '../../src/documents/order-response-mapper.ts';
import { mapReceipt } from '../../src/documents/receipt-mapper.ts';
import { fixture } from './support/document-node.ts';
import { act, orderOf, read, readText } from './support/domain-orders.ts';

const respond = (answers: Extract<OrderAction, { type: 'respond' }>['answers']): [OrderAction, 'seller'] => [
  { type: 'respond', answers },
  'seller',
];
const acceptAll = (order: Order) =>
  respond(order.lines.map((l) => ({ lineId: l.lineId, answer: 'accept' as const })));

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('order responses become answers', () => {
  const seller = orderOf('peppol-order.xml', 'seller');

  it('CA: code 5 accepts, code 3 with other terms proposes them with the line note', () => {
    const mapped = mapOrderResponse(seller, read<OrderResponseDocument>('peppol-order-response.xml'));
    expect(mapped.answers).toEqual([
      { lineId: '10', answer: 'accept' },
      {
        lineId: '20',
        answer: 'propose',
        price: { amount: '210', baseQuantity: '100' },
        schedule: [{ id: '1', date: '2027-01-22', quantity: '200' }],
        note: 'Only 200 kg in stock; the rest is not available this year',
      },
    ]);
    expect(mapped.paths).toEqual([
      '/OrderResponse/cac:OrderLine[1]/cac:LineItem',
      '/OrderResponse/cac:OrderLine[2]/cac:LineItem',
    ]);
    // The domain accepts the answers as they are.
    const after = act(seller, respond(mapped.answers));
    expect(after.lines.map((l) => [l.state, l.proposal?.terms.quantity ?? null])).toEqual([
      ['agreed', null],
      ['proposed', '200'],
    ]);
  });

  it('AP accepts every line still waiting for the seller; RE rejects them with the note as reason', () => {
    expect(
      mapOrderResponse(seller, read<OrderResponseDocument>('peppol-order-response-accepted.xml')).answers,
    ).toEqual([
      { lineId: '10', answer: 'accept' },
      { lineId: '20', answer: 'accept' },
    ]);
    const re = {
      ...read<OrderResponseDocument>('peppol-order-response-accepted.xml'),
      responseCode: 'RE' as const,
      note: 'No capacity',
    };
    expect(mapOrderResponse(seller, re).answers).toEqual([
      { lineId: '10', answer: 'reject', reason: 'No capacity' },
      { lineId: '20', answer: 'reject', reason: 'No capacity' },
    ]);
    // Only lines still waiting: an answered line is left alone.
    const partly = act(seller, respond([{ lineId: '10', answer: 'accept' }]));
    expect(mapOrderResponse(partly, re).answers.map((a) => a.lineId)).toEqual(['20']);
  });

  it('AP on an order with nothing left to answer is refused, AB gives no answers at all', () => {
    const answered = act(seller, acceptAll(seller));
    const ap = read<OrderResponseDocument>('peppol-order-response-accepted.xml');
    const e = thrown(() => mapOrderResponse(answered, ap));
    expect([e.code, e.message]).toEqual([
      'transition_not_allowed',
      "order PO-2026-0042 has no lines waiting for the seller's answer; OrderResponse OR-7790 (AP) changes nothing",
    ]);
    expect(mapOrderResponse(answered, { ...ap, responseCode: 'AB' }).answers).toEqual([]);
  });

  it('SCSN: accepted with the requested schedule accepts; revised proposes; a different unit is refused', () => {
    const scsnSeller = orderOf('scsn-order.xml', 'seller');
    const doc = read<OrderResponseDocument>('scsn-order-response.xml');
    expect(mapOrderResponse(scsnSeller, doc).answers).toEqual([
      { lineId: '1', answer: 'accept' },
      {
        lineId: '2',
        answer: 'propose',
        price: { amount: '145' },
        schedule: [{ id: '1', date: '2027-03-08', quantity: '10' }],
        note: 'Welding capacity full until March',
      },
    ]);
    const wrongUnit = { ...doc, lines: [{ ...doc.lines[0]!, unitCode: 'KGM' }] };
    expect(thrown(() => mapOrderResponse(scsnSeller, wrongUnit)).message).toBe(
      '/OrderResponse/cac:OrderLine[1]/cac:LineItem: the quantity of line 1 is in KGM, the order line in C62',
    );
  });

  it('SCSN "accepted" with other terms becomes a proposal (only the buyer can agree to terms it did not ask for)', () => {
    const scsnSeller = orderOf('scsn-order.xml', 'seller');
    const doc = read<OrderResponseDocument>('scsn-order-response.xml');
    const later = {
      ...doc,
      lines: [
        { ...doc.lines[0]!, deliveries: doc.lines[0]!.deliveries.map((d) => ({ ...d, date: '2027-04-01' })) },
      ],
    };
    expect(mapOrderResponse(scsnSeller, later).answers[0]).toMatchObject({ lineId: '1', answer: 'propose' });
  });

  it('an order agreement accepts lines whose terms are the request and proposes the others', () => {
    const doc = read<OrderResponseDocument>('peppol-order-agreement.xml');
    expect(mapOrderResponse(seller, doc).answers).toEqual([
      { lineId: '10', answer: 'accept' },
      {
        lineId: '20',
        answer: 'propose',
        price: { amount: '210', baseQuantity: '100' },
        schedule: [{ id: '1', date: '2027-01-29', quantity: '250' }],
        note: null,
      },
    ]);
  });

  it('a rejected line without a note gets a reason that names the document', () => {
    const doc = read<OrderResponseDocument>('peppol-order-response.xml');
    const rejected = { ...doc, lines: [{ ...doc.lines[0]!, status: 'rejected' as const, code: '7' }] };
    expect(mapOrderResponse(seller, rejected).answers).toEqual([
      { lineId: '10', answer: 'reject', reason: 'not accepted by OrderResponse OR-7781 (line status 7)' },
    ]);
  });

  it('an answer to a line the order does not have names the order and the line', () => {
    const doc = read<OrderResponseDocument>('peppol-order-response.xml');
    const e = thrown(() => mapOrderResponse(seller, { ...doc, lines: [{ ...doc.lines[0]!, lineId: '99' }] }));
    expect([e.code, e.message]).toEqual(['not_found', 'order PO-2026-0042 has no line 99']);
  });
});

describe('order changes', () => {
  it('a Peppol T114 line with code 3 changes what differs; an agreed line then waits for the seller again', () => {
    const agreed = act(orderOf('peppol-order.xml'), acceptAll(orderOf('peppol-order.xml')));
    const doc = read<OrderChangeDocument>('peppol-order-change.xml');
    const mapped = mapOrderChange(agreed, doc.changes, { reason: doc.reason, complete: false });
    expect(mapped.input).toEqual({
      add: [],
      change: [{ lineId: '10', schedule: [{ id: '1', date: '2027-01-17', quantity: '120' }] }],
      cancel: [],
      reason: 'Production plan moved: more brackets, one week later',
    });
    const after = act(agreed, [{ type: 'change', ...mapped.input! }, 'buyer']);
    expect(after.lines.map((l) => [l.lineId, l.state, l.requested.quantity, l.agreed?.quantity])).toEqual([
      ['10', 'changed', '120', '100'],
      ['20', 'agreed', '250', '250'],
    ]);
  });

  it('an SCSN Changed order changes revised lines, adds new ones, leaves identical ones', () => {
    const order = orderOf('scsn-order.xml');
    const doc = read<OrderDocument>('scsn-order-changed.xml');
    const mapped = mapOrderChange(order, doc.changes, { reason: null, complete: true });
    expect(mapped.input!.change).toEqual([
      {
        lineId: '1',
        schedule: [
          { id: '1', date: '2027-02-01', quantity: '40' },
          { id: '2', date: '2027-03-01', quantity: '80' },
        ],
      },
    ]);
    expect(mapped.input!.add!.map((l) => l.lineId)).toEqual(['3']);
    expect(mapped.input!.cancel).toEqual([]);
    expect(mapped.paths.change).toEqual(['/Order/cac:OrderLine[1]/cac:LineItem']);
  });

  it('re-sending an unchanged order changes nothing', () => {
    const order = orderOf('scsn-order.xml');
    const doc = read<OrderDocument>('scsn-order.xml');
    const same = doc.changes.map((c) => ({ ...c, intent: 'auto' as const }));
    expect(mapOrderChange(order, same, { reason: null, complete: true }).input).toBeNull();
  });

  it('a Changed order that leaves out a line is refused (cancelled lines must be sent as cancelled)', () => {
    const order = orderOf('scsn-order.xml');
    const doc = read<OrderDocument>('scsn-order-changed.xml');
    const e = thrown(() =>
      mapOrderChange(
        order,
        doc.changes.filter((c) => c.lineId !== '2'),
        { reason: null, complete: true },
      ),
    );
    expect(e.message).toBe(
      'the changed order SC-1001 leaves out line 2; a Changed order re-sends every line (cancelled lines with LineStatusCode cancelled)',
    );
  });

  it('a cancelled line is cancelled once; a change of a line the order lacks is refused', () => {
    const order = orderOf('peppol-order.xml');
    const cancel = mapOrderChange(order, [{ lineId: '20', intent: 'cancel', line: null, path: '/x' }], {
      reason: 'not needed',
      complete: false,
    });
    expect(cancel.input!.cancel).toEqual([{ lineId: '20', reason: 'not needed' }]);
    const cancelled = act(order, [{ type: 'change', ...cancel.input! }, 'buyer']);
    expect(
      mapOrderChange(cancelled, [{ lineId: '20', intent: 'cancel', line: null, path: '/x' }], {
        reason: null,
        complete: false,
      }).input,
    ).toBeNull();
    const doc = read<OrderChangeDocument>('peppol-order-change.xml');
    const e = thrown(() =>
      mapOrderChange(order, [{ ...doc.changes[0]!, lineId: '77' }], { reason: null, complete: false }),
    );
    expect(e.message).toBe(
      'order PO-2026-0042 has no line 77 to change (/OrderChange/cac:OrderLine/cac:LineItem)',
    );
  });
});

describe('despatched and received quantities over delivery lines', () => {
  const scheduled = () => {
    const order = orderOf('scsn-order.xml', 'seller');
    return act(order, respond(order.lines.map((l) => ({ lineId: l.lineId, answer: 'accept' as const }))));
  };

  it('fills delivery lines earliest date first, each up to what is still open', () => {
    const order = scheduled();
    const line = order.lines[0]!; // 40 on 2027-02-01 (id 1), 60 on 2027-03-01 (id 2)
    const taken = new Map<string, string>();
    expect(allocateShipment(line, '30', taken)).toEqual([{ deliveryLineId: '1', quantity: '30' }]);
    expect(allocateShipment(line, '50', taken)).toEqual([
      { deliveryLineId: '1', quantity: '10' },
      { deliveryLineId: '2', quantity: '40' },
    ]);
    // Beyond everything: the rest stays on the last delivery line, where the domain refuses it.
    expect(allocateShipment(line, '30', taken)).toEqual([{ deliveryLineId: '2', quantity: '30' }]);
  });

  it('counts what was shipped before', () => {
    const order = act(scheduled(), [
      {
        type: 'ship',
        despatch: { id: 'd1', number: 'D1' },
        lines: [{ lineId: '1', deliveryLineId: '1', quantity: '40' }],
      },
      'seller',
    ]);
    expect(allocateShipment(order.lines[0]!, '10', new Map())).toEqual([
      { deliveryLineId: '2', quantity: '10' },
    ]);
  });

  it('receipts go to delivery lines that were shipped and not yet received', () => {
    const shipped = act(scheduled(), [
      {
        type: 'ship',
        despatch: { id: 'd1', number: 'D1' },
        lines: [
          { lineId: '1', deliveryLineId: '1', quantity: '40' },
          { lineId: '1', deliveryLineId: '2', quantity: '20' },
        ],
      },
      'seller',
    ]);
    expect(allocateReceipt(shipped.lines[0]!, '50', new Map())).toEqual([
      { deliveryLineId: '1', quantity: '40' },
      { deliveryLineId: '2', quantity: '10' },
    ]);
  });

  it('a despatch advice becomes despatch lines per order and delivery line', () => {
    const seller = act(orderOf('peppol-order.xml', 'seller'), acceptAll(orderOf('peppol-order.xml')));
    const mapped = mapDespatch(
      read<DespatchAdviceDocument>('peppol-despatch-advice.xml'),
      new Map([['PO-2026-0042', seller]]),
    );
    expect(mapped).toEqual({
      number: 'DA-5501',
      date: '2027-01-08',
      lines: [{ orderId: seller.id, lineId: '10', deliveryLineId: '1', quantity: '60' }],
      paths: ['/DespatchAdvice/cac:DespatchLine'],
    });
  });

  it('a receipt advice becomes received and rejected quantities with the reason', () => {
    const buyer = act(orderOf('peppol-order.xml'), acceptAll(orderOf('peppol-order.xml')), [
      {
        type: 'ship',
        despatch: { id: 'd', number: 'D' },
        lines: [{ lineId: '10', deliveryLineId: '1', quantity: '60' }],
      },
      'seller',
    ]);
    const doc = read<ReceiptAdviceDocument>('ubl-receipt-advice.xml');
    expect(mapReceipt(buyer, doc.lines).lines).toEqual([
      { lineId: '10', deliveryLineId: '1', received: '58', rejected: '2', reason: 'Bent during transport' },
    ]);
  });
});

describe('invoices', () => {
  const seller = act(orderOf('peppol-order.xml', 'seller'), acceptAll(orderOf('peppol-order.xml')));

  it('becomes the invoice input of the three-way match', () => {
    expect(mapInvoice(seller, read<InvoiceDocument>('peppol-invoice.xml')).input).toEqual({
      number: 'INV-2027-0007',
      issueDate: '2027-01-12',
      lines: [{ lineId: '10', quantity: '58', price: { amount: '12.5', baseQuantity: '1' } }],
    });
  });

  /** The fixture invoice with its line rewritten: no order line reference, other item numbers or units. */
  const unreferenced = (change: (xml: string) => string = (x) => x) =>
    readText<InvoiceDocument>(
      change(
        fixture('peppol-invoice.xml')
          .toString('utf8')
          .replace(/<cac:OrderLineReference>[\s\S]*?<\/cac:OrderLineReference>/, ''),
      ),
    );

  it('passes a line without an order line reference on with its item, for the domain to match', () => {
    const doc = unreferenced((x) => x.replace('unitCode="C62">58<', 'unitCode="C62">-8<'));
    expect(mapInvoice(seller, doc).input.lines).toEqual([
      {
        item: {
          name: 'Beugel type A',
          sellerItemId: 'DZ-100-A',
          buyerItemId: null,
          standardItemId: null,
          unitCode: 'C62',
        },
        quantity: '-8',
        price: { amount: '12.5', baseQuantity: '1' },
      },
    ]);
    // Applied, the seller's item number finds order line 10 and the credit line reduces what is invoiced.
    const invoiced = act(seller, [
      { type: 'invoice', invoiceId: 'i', invoice: mapInvoice(seller, doc).input },
      'seller',
    ]);
    expect(invoiced.invoices[0]!.lines[0]).toMatchObject({
      lineId: '10',
      matchedBy: 'seller_item',
      quantity: '-8',
      amount: '-100',
      reasons: ['credit_exceeds_invoiced'],
    });
  });

  it('checks the unit against the order line the item matches', () => {
    const e = thrown(() =>
      mapInvoice(
        seller,
        unreferenced((x) => x.replace('DZ-100-A', 'DZ-RB-40')),
      ),
    );
    expect(e.message).toBe('/Invoice/cac:InvoiceLine: the invoiced quantity is in C62, order line 20 in KGM');
    // An item no order line has is left to the three-way match, which flags it for the buyer.
    expect(
      mapInvoice(
        seller,
        unreferenced((x) => x.replace('DZ-100-A', 'DZ-999')),
      ).input.lines[0],
    ).toMatchObject({
      item: { sellerItemId: 'DZ-999' },
    });
  });

  it('is refused in another currency than the order', () => {
    const e = thrown(() =>
      mapInvoice(seller, { ...read<InvoiceDocument>('peppol-invoice.xml'), currency: 'USD' }),
    );
    expect(e.message).toBe(
      "Invoice INV-2027-0007 is in USD, order PO-2026-0042 in EUR; Schakel matches an invoice with its order in the order's currency",
    );
  });
});
