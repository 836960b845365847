import { describe, expect, it } from 'vitest';
import {
  BUYER,
  ORDER_ID,
  SELLER,
  T0,
  domainError,
  lineInput,
  newOrder,
  orderInput,
} from '../../test/support/order-builder.ts';
import {
  createOrder,
  findLine,
  mirrorFor,
  parseItem,
  parseNewLine,
  type NewOrderInput,
} from './order-create.ts';

const ids = { orderId: ORDER_ID, buyer: BUYER, seller: SELLER };
const create = (input: NewOrderInput) => createOrder(input, ids, T0);
const fieldOf = (input: NewOrderInput) => domainError(() => create(input)).details.field;

describe('createOrder', () => {
  it("builds the buyer's copy with open lines and an order.issued event", () => {
    const { order, events } = create(
      orderInput(
        [
          lineInput('10', {
            quantity: undefined,
            price: { amount: '12.50', baseQuantity: '100' },
            schedule: [
              { date: '2026-04-01', quantity: '60' },
              { date: '2026-04-15', quantity: '40.000' },
            ],
            note: '  deburred  ',
          }),
          lineInput('20'),
        ],
        { number: ' PO-7 ', deliveryLocation: { name: ' Hal 3 ', address: '' }, note: '   ' },
      ),
    );
    expect(order).toMatchObject({
      id: ORDER_ID,
      companyId: BUYER.companyId,
      role: 'buyer',
      number: 'PO-7',
      currency: 'EUR',
      version: 1,
      createdAt: T0,
      updatedAt: T0,
      note: null,
      deliveryLocation: { name: 'Hal 3', identifier: null, address: null },
      invoices: [],
    });
    const line = order.lines[0]!;
    expect(line).toEqual({
      lineId: '10',
      state: 'open',
      stateSince: T0,
      item: {
        name: 'Item 10',
        buyerItemId: 'B-10',
        sellerItemId: null,
        standardItemId: null,
        description: null,
      },
      unitCode: 'C62',
      requested: {
        quantity: '100',
        price: { amount: '12.5', baseQuantity: '100' },
        schedule: [
          { id: '1', date: '2026-04-01', quantity: '60' },
          { id: '2', date: '2026-04-15', quantity: '40' },
        ],
      },
      agreed: null,
      proposal: null,
      reason: null,
      progress: {},
      invoiced: '0',
      note: 'deburred',
    });
    expect(order.lines.map((l) => l.lineId)).toEqual(['10', '20']);
    expect(events).toEqual([
      { type: 'order.issued', lineId: null, data: { number: 'PO-7', lines: 2 }, reason: null },
    ]);
  });

  it('refuses an order without lines', () => {
    expect(fieldOf(orderInput([]))).toBe('lines');
    expect(fieldOf({ ...orderInput(), lines: undefined as never })).toBe('lines');
  });

  it('refuses an order to oneself', () => {
    const e = domainError(() =>
      createOrder(
        orderInput(),
        { orderId: 'o', buyer: BUYER, seller: { ...SELLER, companyId: BUYER.companyId } },
        T0,
      ),
    );
    expect(e.code).toBe('validation_failed');
    expect(e.details.field).toBe('seller');
  });

  it('refuses duplicate line ids, pointing at the second one', () => {
    expect(fieldOf(orderInput([lineInput('1'), lineInput('2'), lineInput('1')]))).toBe('lines[2].lineId');
    // Ids are trimmed before they are compared.
    expect(fieldOf(orderInput([lineInput('1'), lineInput(' 1 ')]))).toBe('lines[1].lineId');
  });

  it('refuses a quantity that differs from the schedule sum', () => {
    const e = domainError(() => create(orderInput([lineInput('1'), lineInput('2', { quantity: '90' })])));
    expect(e.details.field).toBe('lines[1].quantity');
    expect(e.message).toContain('(100)');
  });

  it('refuses zero and negative quantities', () => {
    expect(fieldOf(orderInput([lineInput('1', { quantity: '0' })]))).toBe('lines[0].quantity');
    expect(fieldOf(orderInput([lineInput('1', { quantity: '-100' })]))).toBe('lines[0].quantity');
    const zeroDelivery = lineInput('1', {
      quantity: undefined,
      schedule: [{ date: '2026-04-01', quantity: '0' }],
    });
    expect(fieldOf(orderInput([zeroDelivery]))).toBe('lines[0].schedule[0].quantity');
    const negativeDelivery = lineInput('1', {
      quantity: undefined,
      schedule: [
        { date: '2026-04-01', quantity: '10' },
        { date: '2026-04-02', quantity: '-5' },
      ],
    });
    expect(fieldOf(orderInput([negativeDelivery]))).toBe('lines[0].schedule[1].quantity');
  });

  it('names the field of every other invalid input', () => {
    const cases: [NewOrderInput, string][] = [
      [orderInput([lineInput('1')], { number: '  ' }), 'number'],
      [orderInput([lineInput('1')], { number: 'x'.repeat(51) }), 'number'],
      [orderInput([lineInput('1')], { issueDate: '2026-02-30' }), 'issueDate'],
      [orderInput([lineInput('1')], { currency: 'EURO' }), 'currency'],
      [orderInput([lineInput('1'), lineInput('a b')]), 'lines[1].lineId'],
      [orderInput([lineInput('x'.repeat(36))]), 'lines[0].lineId'],
      [orderInput([lineInput('1', { unitCode: 'PCE' })]), 'lines[0].unitCode'],
      [orderInput([lineInput('1', { item: { name: ' ' } })]), 'lines[0].item.name'],
      [orderInput([lineInput('1', { price: { amount: '-1' } })]), 'lines[0].price.amount'],
      [
        orderInput([lineInput('1', { price: { amount: '1', baseQuantity: '0' } })]),
        'lines[0].price.baseQuantity',
      ],
      [orderInput([lineInput('1', { schedule: [] })]), 'lines[0].schedule'],
      [
        orderInput([lineInput('1', { schedule: [{ date: '2026-13-01', quantity: '100' }] })]),
        'lines[0].schedule[0].date',
      ],
      [
        orderInput([
          lineInput('1', {
            quantity: '2',
            schedule: [
              { id: 'a', date: '2026-04-01', quantity: '1' },
              { id: 'a', date: '2026-04-02', quantity: '1' },
            ],
          }),
        ]),
        'lines[0].schedule[1].id',
      ],
    ];
    for (const [input, field] of cases) expect(fieldOf(input), field).toBe(field);
  });

  it('accepts line ids with letters, digits and . - / _ up to 35 characters', () => {
    const order = newOrder([lineInput('A-1.2/3_x'), lineInput('x'.repeat(35))]);
    expect(order.lines.map((l) => l.lineId)).toEqual(['A-1.2/3_x', 'x'.repeat(35)]);
  });

  it('accepts 5000 lines and refuses 5001', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => lineInput(String(i + 1)));
    expect(create(orderInput(many(5000))).order.lines).toHaveLength(5000);
    expect(fieldOf(orderInput(many(5001)))).toBe('lines');
  });
});

describe('parseNewLine', () => {
  it('uses the given field path in errors', () => {
    const e = domainError(() => parseNewLine(lineInput('1', { unitCode: 'QQQ' }), 'add[3]', T0));
    expect(e.details.field).toBe('add[3].unitCode');
  });
});

describe('parseItem: the standard item number', () => {
  it('keeps scheme and value, trimmed; no number is null', () => {
    expect(
      parseItem({ name: 'Bolt', standardItemId: { scheme: ' 0160 ', value: ' 05704066204093 ' } }, 'item'),
    ).toMatchObject({ standardItemId: { scheme: '0160', value: '05704066204093' } });
    expect(parseItem({ name: 'Bolt', standardItemId: { value: 'X-1' } }, 'item').standardItemId).toEqual({
      scheme: null,
      value: 'X-1',
    });
    expect(parseItem({ name: 'Bolt' }, 'item').standardItemId).toBeNull();
  });

  it('refuses an empty value or one with spaces, and a scheme with spaces, naming the field', () => {
    for (const [id, field] of [
      [{ scheme: '0160', value: ' ' }, 'item.standardItemId.value'],
      [{ scheme: '0160', value: '123 456' }, 'item.standardItemId.value'],
      [{ scheme: '01 60', value: '12345670' }, 'item.standardItemId.scheme'],
    ] as const) {
      expect(domainError(() => parseItem({ name: 'Bolt', standardItemId: id }, 'item')).details.field).toBe(
        field,
      );
    }
  });

  it('keeps a GTIN with a wrong check digit from a partner as sent (the Peppol rules do not check it)', () => {
    expect(
      parseItem({ name: 'Bolt', standardItemId: { scheme: '0160', value: '7560000012345' } }, 'item')
        .standardItemId,
    ).toEqual({ scheme: '0160', value: '7560000012345' });
  });
});

describe('mirrorFor', () => {
  it("makes the seller's copy: same content, other owner and role, independent objects", () => {
    const buyerCopy = newOrder();
    const sellerCopy = mirrorFor(buyerCopy, 'seller');
    expect(sellerCopy.role).toBe('seller');
    expect(sellerCopy.companyId).toBe(SELLER.companyId);
    expect(sellerCopy.version).toBe(1);
    expect(sellerCopy.lines).toEqual(buyerCopy.lines);
    expect(sellerCopy.buyer).toEqual(BUYER);
    sellerCopy.lines[0]!.requested.schedule[0]!.quantity = '1';
    expect(buyerCopy.lines[0]!.requested.schedule[0]!.quantity).toBe('100');
    expect(mirrorFor(sellerCopy, 'buyer').companyId).toBe(BUYER.companyId);
  });
});

describe('findLine', () => {
  it('finds a line or throws not_found naming the order', () => {
    const order = newOrder([lineInput('1'), lineInput('2')]);
    expect(findLine(order, '2').lineId).toBe('2');
    const e = domainError(() => findLine(order, '3'));
    expect(e.code).toBe('not_found');
    expect(e.details).toMatchObject({ field: 'lineId', lineId: '3' });
    expect(e.message).toContain('PO-2026-001');
  });
});
