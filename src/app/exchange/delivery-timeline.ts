// Use cases: how the caller's sent documents fared — one message with its delivery timeline (queued,
// each attempt and its outcome, dead letter, resend, receipt, partner response), and the messages of
// one order with their status, for "sent 10:01, retried 3×, delivered 10:04, receipt ✓".
import { requirePermission } from '../../domain/company-types.ts';
import { notFound } from '../../domain/errors.ts';
import { readReceipt } from '../../network/receipt.ts';
import type { OutboxEvent } from '../../storage/outbox-events.ts';
import type { OutboxMessage, OutboxStatus } from '../../storage/outbox-repository.ts';
import type { Caller, Deps } from '../deps.ts';

/** A sent message as the sender sees it. */
export interface Delivery {
  messageId: string;
  documentType: string;
  partner: { id: string; name: string | null };
  /** The order the message belongs to (null for messages about no order, e.g. key announcements). */
  orderId: string | null;
  seq: number;
  status: OutboxStatus;
  /** Attempts since the last resend (the retry budget), and on the wire in total. */
  attempts: number;
  totalAttempts: number;
  createdAt: string;
  deliveredAt: string | null;
  /** When the next attempt is due (pending messages only). */
  nextAttemptAt: string | null;
  lastError: string | null;
  /** What the receiver's signed receipt says (null until delivered). */
  receipt: { receivedAt: string | null; status: string | null; kid: string | null } | null;
  /** The partner's Message Level Response, when one arrived. */
  partnerResponse: { code: string; description: string | null; documentId: string; at: string } | null;
}

/** One timeline entry: when, what, and the event's details. */
export type TimelineEntry = { at: string; event: OutboxEvent['event'] } & OutboxEvent['detail'];

export interface DeliveryWithTimeline extends Delivery {
  timeline: TimelineEntry[];
}

/** The caller's sent message `messageId` with its delivery timeline; another company's is not found. */
export async function getOutboxMessage(
  deps: Deps,
  caller: Caller,
  messageId: string,
): Promise<DeliveryWithTimeline> {
  requirePermission(caller.role, 'read');
  const message = await deps.store.outbox.getOf(caller.companyId, messageId);
  if (!message) throw notFound('message', messageId);
  const timeline = await deps.store.outbox.timeline(caller.companyId, messageId);
  const totalAttempts = timeline.filter(
    (e) => e.event === 'attempt' && e.detail.outcome !== 'breaker_open',
  ).length;
  const order = await deps.store.orders.get(caller.companyId, message.conversationId);
  return {
    ...present(
      { ...message, totalAttempts },
      order ? order.id : null,
      await partnerName(deps, message.peerCompanyId),
    ),
    timeline: timeline.map((e) => ({ at: e.at, event: e.event, ...e.detail })),
  };
}

/** The messages the caller's company sent about its order `orderId`, in sequence. */
export async function listOrderDeliveries(deps: Deps, caller: Caller, orderId: string): Promise<Delivery[]> {
  requirePermission(caller.role, 'read');
  if (!(await deps.store.orders.get(caller.companyId, orderId))) throw notFound('order', orderId);
  const messages = await deps.store.outbox.listByConversation(caller.companyId, orderId);
  // An order's messages all go to one partner: look its name up once.
  const names = new Map<string, Promise<string | null>>();
  const nameOf = (id: string) => names.get(id) ?? names.set(id, partnerName(deps, id)).get(id)!;
  return Promise.all(messages.map(async (m) => present(m, orderId, await nameOf(m.peerCompanyId))));
}

const partnerName = async (deps: Deps, id: string): Promise<string | null> =>
  (await deps.store.companies.get(id))?.name ?? null;

function present(
  m: OutboxMessage & { totalAttempts: number },
  orderId: string | null,
  partner: string | null,
): Delivery {
  const receipt = m.receipt === null ? null : readReceipt(m.receipt);
  const response = m.partnerResponse ?? null;
  return {
    messageId: m.id,
    documentType: m.documentType,
    partner: { id: m.peerCompanyId, name: partner },
    orderId,
    seq: m.seq,
    status: m.status,
    attempts: m.attempts,
    totalAttempts: m.totalAttempts,
    createdAt: m.createdAt,
    deliveredAt: m.deliveredAt,
    nextAttemptAt: m.status === 'pending' ? m.nextAttemptAt : null,
    lastError: m.lastError,
    receipt:
      m.receipt === null
        ? null
        : {
            receivedAt: receipt?.receivedAt ?? null,
            status: receipt?.status ?? null,
            kid: receipt?.kid ?? null,
          },
    partnerResponse: response && {
      code: response.code,
      description: response.description,
      documentId: response.documentId,
      at: response.at,
    },
  };
}
