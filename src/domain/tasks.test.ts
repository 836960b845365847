import { describe, expect, it } from 'vitest';
import {
  BUYER,
  ORDER_ID,
  SELLER,
  T0,
  act,
  agreedOrder,
  at,
  lineInput,
  newOrder,
} from '../../test/support/order-builder.ts';
import type { OrderAction } from './order-actions.ts';
import { mirrorFor } from './order-create.ts';
import type { Order } from './order-types.ts';
import {
  DIRECTORY_REFRESH_ALERT_AFTER_MS,
  TASK_ORDER,
  refreshDeadline,
  sortTasks,
  tasksForDeadLetters,
  tasksForRejectedMessages,
  tasksForOrder,
  tasksForStaleDirectoryCards,
  type Task,
  type TaskKind,
} from './tasks.ts';

/** Applies an action to both copies. */
function both(
  copies: { buyer: Order; seller: Order },
  action: OrderAction,
  role: 'buyer' | 'seller',
  now = at(1),
) {
  return { buyer: act(copies.buyer, action, role, now), seller: act(copies.seller, action, role, now) };
}
const copiesOf = (order: Order) => ({ buyer: order, seller: mirrorFor(order, 'seller') });
const kinds = (tasks: Task[]) => tasks.map((t) => t.kind);
const HOUR = 3600_000;

describe('tasksForOrder: seller copy', () => {
  it('asks to confirm a new order, grouping its open lines', () => {
    const { seller } = copiesOf(newOrder([lineInput('1'), lineInput('2')]));
    expect(tasksForOrder(seller, at(1))).toEqual([
      {
        kind: 'confirm_order',
        orderId: ORDER_ID,
        orderNumber: 'PO-2026-001',
        partner: BUYER.name,
        lineIds: ['1', '2'],
        since: T0,
      },
    ]);
  });

  it('asks to answer changed and reopened lines, separately from open ones', () => {
    let c = copiesOf(agreedOrder([lineInput('1'), lineInput('2'), lineInput('3')], at(1)));
    expect(tasksForOrder(c.seller, at(2))).toEqual([]);
    c = both(c, { type: 'change', change: [{ lineId: '1', quantity: '150' }] }, 'buyer', at(3));
    c = both(c, { type: 'reopen', lineIds: ['2'], reason: 'price' }, 'buyer', at(4));
    c = both(c, { type: 'change', add: [lineInput('4')] }, 'buyer', at(5));
    const tasks = tasksForOrder(c.seller, at(6));
    expect(tasks.map((t) => [t.kind, t.lineIds, t.since])).toEqual([
      ['confirm_order', ['4'], at(5)],
      ['answer_change', ['1', '2'], at(3)],
    ]);
  });

  it('does not act on proposals, rejections or invoice mismatches: those wait for the buyer', () => {
    let c = copiesOf(newOrder([lineInput('1'), lineInput('2')]));
    c = both(
      c,
      {
        type: 'respond',
        answers: [
          { lineId: '1', answer: 'propose', quantity: '80' },
          { lineId: '2', answer: 'reject', reason: 'no' },
        ],
      },
      'seller',
    );
    expect(tasksForOrder(c.seller, at(100))).toEqual([]);
    expect(kinds(tasksForOrder(c.buyer, at(100)))).toEqual(['decide_proposal', 'line_rejected']);
  });

  it('reports late shipments from the day after the delivery date', () => {
    const c = copiesOf(
      agreedOrder([
        lineInput('1', { schedule: [{ date: '2026-04-01', quantity: '100' }] }),
        lineInput('2', { schedule: [{ date: '2026-03-20', quantity: '100' }] }),
      ]),
    );
    expect(tasksForOrder(c.seller, '2026-03-20T23:59:59.000Z')).toEqual([]);
    const late = tasksForOrder(c.seller, '2026-04-02T00:00:00.000Z');
    expect(late).toEqual([
      {
        kind: 'delivery_late',
        orderId: ORDER_ID,
        orderNumber: 'PO-2026-001',
        partner: BUYER.name,
        lineIds: ['1', '2'],
        since: '2026-03-20',
      },
    ]);
    const shipped = act(
      c.seller,
      {
        type: 'ship',
        despatch: { id: 'd', number: 'D' },
        lines: [{ lineId: '2', deliveryLineId: '1', quantity: '100' }],
      },
      'seller',
    );
    expect(tasksForOrder(shipped, '2026-04-02T00:00:00.000Z')[0]!.lineIds).toEqual(['1']);
  });
});

describe('tasksForOrder: buyer copy', () => {
  it('has nothing to do while the seller is within the confirmation time', () => {
    expect(tasksForOrder(newOrder(), at(1))).toEqual([]);
    expect(tasksForOrder(newOrder(), at(48))).toEqual([]);
  });

  it('flags confirmation_overdue once a line waits longer than 48 hours', () => {
    const order = newOrder([lineInput('1'), lineInput('2')]);
    const justOver = new Date(Date.parse(T0) + 48 * HOUR + 1).toISOString();
    expect(tasksForOrder(order, justOver)).toEqual([
      {
        kind: 'confirmation_overdue',
        orderId: ORDER_ID,
        orderNumber: 'PO-2026-001',
        partner: SELLER.name,
        lineIds: ['1', '2'],
        since: T0,
      },
    ]);
    expect(kinds(tasksForOrder(order, at(30), { confirmWithinHours: 24 }))).toEqual(['confirmation_overdue']);
  });

  it('counts the 48 hours from the moment a change or reopening was made', () => {
    let order = agreedOrder([lineInput('1'), lineInput('2')], at(1));
    order = act(order, { type: 'change', change: [{ lineId: '1', quantity: '150' }] }, 'buyer', at(100));
    order = act(order, { type: 'reopen', lineIds: ['2'], reason: 'r' }, 'seller', at(110));
    expect(tasksForOrder(order, at(148))).toEqual([]);
    expect(tasksForOrder(order, at(149)).map((t) => [t.kind, t.lineIds, t.since])).toEqual([
      ['confirmation_overdue', ['1'], at(100)],
    ]);
    expect(tasksForOrder(order, at(159))[0]!.lineIds).toEqual(['1', '2']);
  });

  it('does not count answered lines as overdue', () => {
    const order = act(
      newOrder([lineInput('1'), lineInput('2')]),
      { type: 'respond', answers: [{ lineId: '1', answer: 'accept' }] },
      'seller',
    );
    expect(tasksForOrder(order, at(72)).find((t) => t.kind === 'confirmation_overdue')!.lineIds).toEqual([
      '2',
    ]);
  });

  it('asks to decide proposals and shows rejected lines', () => {
    const order = act(
      newOrder([lineInput('1'), lineInput('2'), lineInput('3')]),
      {
        type: 'respond',
        answers: [
          { lineId: '1', answer: 'propose', quantity: '80' },
          { lineId: '2', answer: 'reject', reason: 'no' },
          { lineId: '3', answer: 'propose', quantity: '70' },
        ],
      },
      'seller',
      at(2),
    );
    expect(tasksForOrder(order, at(3)).map((t) => [t.kind, t.lineIds, t.since, t.partner])).toEqual([
      ['decide_proposal', ['1', '3'], at(2), SELLER.name],
      ['line_rejected', ['2'], at(2), SELLER.name],
    ]);
  });

  it('reports deliveries that have not been received after their date', () => {
    let order = agreedOrder();
    order = act(
      order,
      {
        type: 'ship',
        despatch: { id: 'd', number: 'D' },
        lines: [{ lineId: '1', deliveryLineId: '1', quantity: '100' }],
      },
      'seller',
    );
    expect(kinds(tasksForOrder(order, '2026-04-02T08:00:00.000Z'))).toEqual(['delivery_late']);
    order = act(
      order,
      { type: 'receive', lines: [{ lineId: '1', deliveryLineId: '1', received: '100' }] },
      'buyer',
    );
    expect(tasksForOrder(order, '2026-04-02T08:00:00.000Z')).toEqual([]);
  });

  it('asks to decide on a mismatching invoice until it is decided', () => {
    let order = agreedOrder([lineInput('1'), lineInput('2')]);
    order = act(
      order,
      {
        type: 'ship',
        despatch: { id: 'd', number: 'D' },
        lines: [
          { lineId: '1', deliveryLineId: '1', quantity: '100' },
          { lineId: '2', deliveryLineId: '1', quantity: '100' },
        ],
      },
      'seller',
    );
    order = act(
      order,
      {
        type: 'receive',
        lines: [
          { lineId: '1', deliveryLineId: '1', received: '100' },
          { lineId: '2', deliveryLineId: '1', received: '100' },
        ],
      },
      'buyer',
    );
    order = act(
      order,
      {
        type: 'invoice',
        invoiceId: 'inv-7',
        invoice: {
          number: 'F-7',
          issueDate: '2026-03-25',
          lines: [
            { lineId: '1', quantity: '100', price: { amount: '12.5' } },
            { lineId: '2', quantity: '100', price: { amount: '14' } },
          ],
        },
      },
      'seller',
    );
    const now = '2026-03-26T00:00:00.000Z';
    expect(tasksForOrder(order, now)).toEqual([
      {
        kind: 'invoice_mismatch',
        orderId: ORDER_ID,
        orderNumber: 'PO-2026-001',
        partner: SELLER.name,
        lineIds: ['2'],
        since: '2026-03-25',
        invoiceId: 'inv-7',
      },
    ]);
    expect(tasksForOrder(mirrorFor(order, 'seller'), now)).toEqual([]);
    const approved = act(
      order,
      { type: 'decideInvoice', invoiceId: 'inv-7', decision: 'approve', reason: 'ok' },
      'buyer',
    );
    expect(tasksForOrder(approved, now)).toEqual([]);
  });
});

describe('sortTasks', () => {
  const task = (kind: TaskKind, since: string, orderId = 'o'): Task => ({
    kind,
    orderId,
    orderNumber: orderId,
    partner: 'p',
    lineIds: ['1'],
    since,
  });

  it('puts the most urgent kind first and the oldest first within a kind', () => {
    const tasks = [
      task('line_rejected', '2026-01-01'),
      task('confirm_order', '2026-03-01T10:00:00.000Z'),
      task('delivery_late', '2026-03-05', 'b'),
      task('invoice_mismatch', '2026-03-09'),
      task('delivery_late', '2026-03-04', 'a'),
      task('decide_proposal', '2026-02-01T00:00:00.000Z'),
      task('confirmation_overdue', '2026-02-15T00:00:00.000Z'),
      task('answer_change', '2026-02-20T00:00:00.000Z'),
    ];
    const sorted = sortTasks(tasks);
    expect(sorted.map((t) => [t.kind, t.orderId])).toEqual([
      ['invoice_mismatch', 'o'],
      ['delivery_late', 'a'],
      ['delivery_late', 'b'],
      ['confirmation_overdue', 'o'],
      ['decide_proposal', 'o'],
      ['answer_change', 'o'],
      ['confirm_order', 'o'],
      ['line_rejected', 'o'],
    ]);
    expect(tasks[0]!.kind).toBe('line_rejected'); // the input is not reordered
  });

  it('knows every task kind', () => {
    expect([...TASK_ORDER].sort()).toEqual(
      [
        'answer_change',
        'confirm_order',
        'confirmation_overdue',
        'decide_proposal',
        'delivery_late',
        'directory_refresh_failed',
        'document_rejected',
        'document_undelivered',
        'invoice_mismatch',
        'line_rejected',
      ].sort(),
    );
  });
});

describe('tasksForDeadLetters', () => {
  it('turns each dead letter into an undelivered-document task that sorts before everything else', () => {
    const letter = {
      messageId: '0193a000-0000-7000-8000-000000000001',
      documentType: 'OrderResponse',
      orderId: 'o1',
      orderNumber: 'PO-1',
      partner: 'Koper BV',
      lastError: 'HTTP 503: down',
      since: '2026-03-01T08:00:00.000Z',
    };
    const tasks = tasksForDeadLetters([letter]);
    expect(tasks).toEqual([
      {
        kind: 'document_undelivered',
        orderId: 'o1',
        orderNumber: 'PO-1',
        partner: 'Koper BV',
        lineIds: [],
        since: '2026-03-01T08:00:00.000Z',
        messageId: letter.messageId,
        documentType: 'OrderResponse',
        lastError: 'HTTP 503: down',
      },
    ]);
    const other: Task = {
      kind: 'invoice_mismatch',
      orderId: 'o2',
      orderNumber: 'PO-2',
      partner: 'p',
      lineIds: [],
      since: '2026-01-01',
    };
    expect(sortTasks([other, ...tasks]).map((t) => t.kind)).toEqual([
      'document_undelivered',
      'invoice_mismatch',
    ]);
  });
});

describe('tasksForRejectedMessages', () => {
  it('turns each rejected document into a task naming the partner’s reason, right after undelivered ones', () => {
    const tasks = tasksForRejectedMessages([
      {
        messageId: '0193a000-0000-7000-8000-000000000002',
        documentType: 'OrderChange',
        orderId: 'o1',
        orderNumber: 'PO-1',
        partner: 'Leverancier BV',
        reason: 'OrderChange PO-1-OC-3: order unknown',
        since: '2026-03-01T08:00:00.000Z',
      },
    ]);
    expect(tasks).toEqual([
      {
        kind: 'document_rejected',
        orderId: 'o1',
        orderNumber: 'PO-1',
        partner: 'Leverancier BV',
        lineIds: [],
        since: '2026-03-01T08:00:00.000Z',
        messageId: '0193a000-0000-7000-8000-000000000002',
        documentType: 'OrderChange',
        lastError: 'rejected by partner: OrderChange PO-1-OC-3: order unknown',
      },
    ]);
    const undelivered = tasksForDeadLetters([
      {
        messageId: 'm2',
        documentType: 'Order',
        orderId: 'o2',
        orderNumber: 'PO-2',
        partner: 'Leverancier BV',
        lastError: null,
        since: '2026-03-02T08:00:00.000Z',
      },
    ]);
    expect(sortTasks([...tasks, ...undelivered]).map((t) => t.kind)).toEqual([
      'document_undelivered',
      'document_rejected',
    ]);
  });
});

describe('tasksForStaleDirectoryCards', () => {
  const since = '2026-03-01T08:00:00.000Z';
  const later = (ms: number) => new Date(Date.parse(since) + ms).toISOString();
  const card = { directoryUrl: 'https://dir.example', since, lastError: 'fetch failed', refreshBefore: null };

  it('leaves a refresh that is still being retried alone until the alert period has passed', () => {
    expect(tasksForStaleDirectoryCards([{ ...card, refused: false }], later(60_000))).toEqual([]);
    expect(
      tasksForStaleDirectoryCards([{ ...card, refused: false }], later(DIRECTORY_REFRESH_ALERT_AFTER_MS - 1)),
    ).toEqual([]);
    expect(
      tasksForStaleDirectoryCards(
        [{ ...card, refused: false, refreshBefore: '2026-03-08T08:00:00.000Z' }],
        later(DIRECTORY_REFRESH_ALERT_AFTER_MS),
      ),
    ).toEqual([
      {
        kind: 'directory_refresh_failed',
        orderId: '',
        orderNumber: '',
        partner: 'https://dir.example',
        lineIds: [],
        since,
        lastError: 'fetch failed',
        directoryUrl: 'https://dir.example',
        refreshBefore: '2026-03-08T08:00:00.000Z',
      },
    ]);
  });

  it('makes a refusal a task at once, sorted right after the documents that did not get through', () => {
    const tasks = tasksForStaleDirectoryCards(
      [{ ...card, refused: true, lastError: 'HTTP 401: unregistered_key' }],
      later(1),
    );
    expect(tasks).toMatchObject([
      { kind: 'directory_refresh_failed', lastError: 'HTTP 401: unregistered_key' },
    ]);
    const other: Task = {
      kind: 'invoice_mismatch',
      orderId: 'o',
      orderNumber: 'PO',
      partner: 'p',
      lineIds: [],
      since,
    };
    const undelivered = { ...other, kind: 'document_undelivered' as const };
    expect(sortTasks([other, ...tasks, undelivered]).map((t) => t.kind)).toEqual([
      'document_undelivered',
      'directory_refresh_failed',
      'invoice_mismatch',
    ]);
  });
});

describe('refreshDeadline', () => {
  const keys = [
    { kid: 'new', validUntil: null },
    { kid: 'old', validUntil: '2026-03-08T00:00:00.000Z' },
    { kid: 'older', validUntil: '2026-03-05T00:00:00.000Z' },
  ];

  it('is when the last key that signed the directory’s card ends', () => {
    expect(refreshDeadline(['old', 'older'], keys)).toBe('2026-03-08T00:00:00.000Z');
    expect(refreshDeadline(['older'], keys)).toBe('2026-03-05T00:00:00.000Z');
  });

  it('is unknown for a signer without an end or when no signer is known', () => {
    expect(refreshDeadline(['new', 'old'], keys)).toBeNull();
    expect(refreshDeadline(['gone'], keys)).toBeNull();
  });
});
