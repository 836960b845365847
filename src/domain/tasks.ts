// The task list: what needs a company's attention now, derived from its order copies, from the
// documents the network gave up delivering (dead letters, see docs/network.md) and from its card at a
// directory that a key rotation left out of date.
import type { Order, OrderLine } from './order-types.ts';
import { lateDeliveries } from './order-status.ts';

export type TaskKind =
  | 'confirm_order'
  | 'answer_change'
  | 'decide_proposal'
  | 'line_rejected'
  | 'confirmation_overdue'
  | 'delivery_late'
  | 'invoice_mismatch'
  | 'document_undelivered'
  | 'document_rejected'
  | 'directory_refresh_failed';

export interface Task {
  kind: TaskKind;
  orderId: string;
  orderNumber: string;
  partner: string;
  lineIds: string[];
  /** Oldest relevant moment (ISO date or timestamp), for sorting and "since". */
  since: string;
  /** Invoice id for invoice tasks. */
  invoiceId?: string;
  /**
   * For undelivered documents: the outbox message (resent under the same ID), its type and last error;
   * for documents the partner rejected (Message Level Response RE): the message, its type and the reason.
   */
  messageId?: string;
  documentType?: string;
  lastError?: string | null;
  /**
   * For a card a directory still holds with the old keys: the directory, and until when it can still take
   * the new card (after that none of the keys it knows is valid; null when not known).
   */
  directoryUrl?: string;
  refreshBefore?: string | null;
}

/** An outgoing document the delivery worker gave up on, with the order it belongs to. */
export interface DeadLetter {
  messageId: string;
  documentType: string;
  orderId: string;
  orderNumber: string;
  partner: string;
  lastError: string | null;
  /** When the document was written (it has not reached the partner since). */
  since: string;
}

/** One task per dead letter: the partner has not received this document, so the order is out of step. */
export function tasksForDeadLetters(letters: readonly DeadLetter[]): Task[] {
  return letters.map((d) => ({
    kind: 'document_undelivered',
    orderId: d.orderId,
    orderNumber: d.orderNumber,
    partner: d.partner,
    lineIds: [],
    since: d.since,
    messageId: d.messageId,
    documentType: d.documentType,
    lastError: d.lastError,
  }));
}

/** A sent document the partner's node rejected with a Message Level Response (code RE). */
export interface RejectedMessage {
  messageId: string;
  documentType: string;
  orderId: string;
  orderNumber: string;
  partner: string;
  /** The partner's reason, as its response states it. */
  reason: string | null;
  /** When the response arrived. */
  since: string;
}

/** One task per rejected document: the partner did not apply it, so the two copies differ. */
export function tasksForRejectedMessages(messages: readonly RejectedMessage[]): Task[] {
  return messages.map((m) => ({
    kind: 'document_rejected',
    orderId: m.orderId,
    orderNumber: m.orderNumber,
    partner: m.partner,
    lineIds: [],
    since: m.since,
    messageId: m.messageId,
    documentType: m.documentType,
    lastError: `rejected by partner: ${m.reason ?? 'no reason given'}`,
  }));
}

/** A company's card at a directory that a key rotation left out of date and that was not refreshed yet. */
export interface StaleDirectoryCard {
  directoryUrl: string;
  /** Since when the directory's card is out of date (the rotation). */
  since: string;
  lastError: string | null;
  /** The directory refused the new card outright: the node stopped trying. */
  refused: boolean;
  refreshBefore: string | null;
}

/**
 * How long the node may take to push a card after a rotation before a person hears of it: a directory
 * that is briefly down is retried without bothering anyone, one that stays out of date is a task
 * (partners who look the company up there would pin the old keys, and once the old key's grace period
 * ends the directory takes no newer card at all).
 */
export const DIRECTORY_REFRESH_ALERT_AFTER_MS = 60 * 60_000;

/**
 * One task per directory card that needs a person at `now` (ISO timestamp): refused outright, or still
 * not refreshed an alert period after the rotation.
 */
export function tasksForStaleDirectoryCards(cards: readonly StaleDirectoryCard[], now: string): Task[] {
  return cards
    .filter((c) => c.refused || Date.parse(now) - Date.parse(c.since) >= DIRECTORY_REFRESH_ALERT_AFTER_MS)
    .map((c) => ({
      kind: 'directory_refresh_failed',
      // Not about an order: the directory is what the task names.
      orderId: '',
      orderNumber: '',
      partner: c.directoryUrl,
      lineIds: [],
      since: c.since,
      lastError: c.lastError,
      directoryUrl: c.directoryUrl,
      refreshBefore: c.refreshBefore,
    }));
}

/**
 * The last moment a directory can still take a newer card: when the last of the keys that signed the
 * card it holds (`signedBy`) stops being valid; null when one of them has no end or none is known.
 */
export function refreshDeadline(
  signedBy: readonly string[],
  keys: readonly { kid: string; validUntil: string | null }[],
): string | null {
  const ends = keys.filter((k) => signedBy.includes(k.kid)).map((k) => k.validUntil);
  if (ends.length === 0 || ends.includes(null)) return null;
  return (ends as string[]).sort().at(-1)!;
}

export interface TaskPolicy {
  /** A line awaiting the seller's answer for longer than this is overdue for the buyer. */
  confirmWithinHours: number;
}

export const DEFAULT_TASK_POLICY: TaskPolicy = { confirmWithinHours: 48 };

function group(order: Order, kind: TaskKind, lines: OrderLine[], since: (l: OrderLine) => string): Task[] {
  if (lines.length === 0) return [];
  const partner = order.role === 'buyer' ? order.seller.name : order.buyer.name;
  return [
    {
      kind,
      orderId: order.id,
      orderNumber: order.number,
      partner,
      lineIds: lines.map((l) => l.lineId),
      since: lines.map(since).sort()[0]!,
    },
  ];
}

/** Tasks for the owner of an order copy at time `now` (ISO timestamp). */
export function tasksForOrder(order: Order, now: string, policy: TaskPolicy = DEFAULT_TASK_POLICY): Task[] {
  const today = now.slice(0, 10);
  const at =
    (...s: string[]) =>
    (l: OrderLine) =>
      s.includes(l.state);
  const stamp = (l: OrderLine) => l.stateSince;
  const tasks: Task[] = [];
  if (order.role === 'seller') {
    tasks.push(...group(order, 'confirm_order', order.lines.filter(at('open')), stamp));
    tasks.push(...group(order, 'answer_change', order.lines.filter(at('changed', 'reopened')), stamp));
  } else {
    tasks.push(...group(order, 'decide_proposal', order.lines.filter(at('proposed')), stamp));
    tasks.push(...group(order, 'line_rejected', order.lines.filter(at('rejected')), stamp));
    const limit = new Date(Date.parse(now) - policy.confirmWithinHours * 3600_000).toISOString();
    tasks.push(
      ...group(
        order,
        'confirmation_overdue',
        order.lines.filter((l) => at('open', 'changed', 'reopened')(l) && l.stateSince < limit),
        stamp,
      ),
    );
    for (const inv of order.invoices.filter((i) => i.status === 'mismatch')) {
      const partner = order.seller.name;
      tasks.push({
        kind: 'invoice_mismatch',
        orderId: order.id,
        orderNumber: order.number,
        partner,
        // An invoice line that matched no order line has no line id; the invoice itself is the task.
        lineIds: inv.lines.flatMap((l) => (l.match === 'mismatch' && l.lineId !== null ? [l.lineId] : [])),
        since: inv.issueDate,
        invoiceId: inv.id,
      });
    }
  }
  const side = order.role === 'seller' ? 'ship' : 'receive';
  const late = order.lines
    .map((l) => ({ l, late: lateDeliveries(l, today, side) }))
    .filter((x) => x.late.length > 0);
  tasks.push(
    ...group(
      order,
      'delivery_late',
      late.map((x) => x.l),
      (l) => late.find((x) => x.l === l)!.late[0]!.date,
    ),
  );
  return tasks;
}

/** Task kinds in the order a person should look at them. */
export const TASK_ORDER: readonly TaskKind[] = [
  'document_undelivered',
  'document_rejected',
  'directory_refresh_failed',
  'invoice_mismatch',
  'delivery_late',
  'confirmation_overdue',
  'decide_proposal',
  'answer_change',
  'confirm_order',
  'line_rejected',
];

/** All tasks of a company, most urgent kind first, oldest first within a kind. */
export function sortTasks(tasks: Task[]): Task[] {
  return [...tasks].sort(
    (a, b) => TASK_ORDER.indexOf(a.kind) - TASK_ORDER.indexOf(b.kind) || a.since.localeCompare(b.since),
  );
}
