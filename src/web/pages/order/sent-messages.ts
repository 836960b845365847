// What a sent message's delivery says in plain words: its state (being sent, waiting to retry,
// delivered, not delivered, rejected by the partner), the sentences under it, and one line per event of
// its delivery timeline. Technical details (the receiver's reason, a network error) are kept as they
// are, next to a translated label: the company's IT person needs them verbatim.
import type { TFunction } from 'i18next';
import type { Tone } from '../../components/Badge.tsx';
import type { DeliveryEvent, SentMessage } from '../../http/types.ts';
import { formatDateTime, formatDateTimeSeconds } from '../../lib/format.ts';

export type SentState = 'sending' | 'retrying' | 'delivered' | 'dead' | 'rejected';

/** A message's state for people: the partner's rejection (MLR code RE) outweighs the delivery. */
export function sentState(m: SentMessage): SentState {
  if (m.partnerResponse?.code === 'RE') return 'rejected';
  if (m.status === 'delivered') return 'delivered';
  if (m.status === 'dead') return 'dead';
  return m.attempts > 0 ? 'retrying' : 'sending';
}

export const STATE_TONE: Record<SentState, Tone> = {
  sending: 'info',
  retrying: 'attention',
  delivered: 'good',
  dead: 'bad',
  rejected: 'bad',
};

/** The sentences that explain a message's state, in reading order. */
export function stateSentences(t: TFunction, m: SentMessage, partner: string, now = Date.now()): string[] {
  const state = sentState(m);
  const out: string[] = [];
  if (state === 'sending') {
    const later = m.nextAttemptAt !== null && Date.parse(m.nextAttemptAt) > now + 5_000;
    out.push(
      later
        ? t('sentMessages.explain.sendingAt', { when: formatDateTime(m.nextAttemptAt!) })
        : t('sentMessages.explain.sending'),
    );
  } else if (state === 'retrying') {
    out.push(
      t('sentMessages.explain.retrying', {
        count: m.attempts,
        when: m.nextAttemptAt ? formatDateTime(m.nextAttemptAt) : '',
      }),
    );
  } else if (state === 'dead') {
    out.push(t('sentMessages.explain.dead', { count: Math.max(m.attempts, 1), partner }));
  } else if (state === 'rejected') {
    out.push(t('sentMessages.explain.rejected', { partner }));
  } else {
    if (m.deliveredAt) {
      // Messages older than the timeline have no attempt events: their attempt count is the one kept.
      const count = Math.max(m.totalAttempts, m.attempts, 1);
      out.push(t('sentMessages.explain.delivered', { count, when: formatDateTime(m.deliveredAt) }));
    }
    if (m.receipt?.receivedAt)
      out.push(t('sentMessages.explain.receipt', { partner, when: formatDateTime(m.receipt.receivedAt) }));
    if (m.receipt?.status === 'duplicate') out.push(t('sentMessages.explain.duplicate', { partner }));
    if (m.partnerResponse?.code === 'AP') out.push(t('sentMessages.explain.accepted', { partner }));
    if (m.partnerResponse?.code === 'AB') out.push(t('sentMessages.explain.acknowledged', { partner }));
  }
  return out;
}

/** One timeline event: what happened, a technical detail with its label, and notes (next attempt …). */
export interface EventText {
  text: string;
  detail: { label: string; value: string } | null;
  notes: string[];
}

/** The plain-language line of one delivery event. */
export function eventText(t: TFunction, e: DeliveryEvent): EventText {
  const attempt = String(e.attempt ?? '');
  let text: string;
  let detail: EventText['detail'] = null;
  const notes: string[] = [];
  switch (e.event) {
    case 'queued':
      text = e.seq ? t('sentMessages.event.queued', { seq: e.seq }) : t('sentMessages.event.queuedPlain');
      break;
    case 'attempt':
      if (e.outcome === 'delivered') text = t('sentMessages.event.delivered', { attempt });
      else if (e.outcome === 'refused') {
        text = t('sentMessages.event.refused', { attempt, status: String(e.httpStatus ?? '') });
        if (e.reason) detail = { label: t('sentMessages.label.partnerReason'), value: e.reason };
      } else if (e.outcome === 'network_error') {
        text = t('sentMessages.event.networkError', { attempt });
        if (e.error) detail = { label: t('sentMessages.label.error'), value: e.error };
      } else text = t('sentMessages.event.breakerOpen');
      if (e.retryAt) notes.push(t('sentMessages.event.retryAt', { when: formatDateTimeSeconds(e.retryAt) }));
      break;
    case 'dead_lettered':
      text = t('sentMessages.event.deadLettered');
      if (e.reason) detail = { label: t('sentMessages.label.lastError'), value: e.reason };
      break;
    case 'resent':
      text = t('sentMessages.event.resent');
      break;
    case 'receipt_stored':
      text =
        e.receiptStatus === 'duplicate'
          ? t('sentMessages.event.receiptDuplicate')
          : t('sentMessages.event.receiptStored', { when: formatDateTime(e.receivedAt ?? e.at) });
      break;
    case 'partner_response':
      text =
        e.code === 'RE'
          ? t('sentMessages.event.rejected')
          : e.code === 'AP'
            ? t('sentMessages.event.accepted')
            : e.code === 'AB'
              ? t('sentMessages.event.acknowledged')
              : t('sentMessages.event.response', { code: e.code ?? '' });
      if (e.description) detail = { label: t('sentMessages.label.reason'), value: e.description };
      if (e.issues) notes.push(t('sentMessages.event.issues', { count: e.issues }));
      break;
    default:
      text = t('sentMessages.event.unknown', { event: String((e as { event: string }).event) });
  }
  if (e.backfilled) notes.push(t('sentMessages.event.backfilled'));
  return { text, detail, notes };
}

/**
 * How long to wait before asking again. Delivery and a partner's response do not reach the change feed
 * (only order changes do), so the list asks again while a message is on its way: at its next attempt
 * (within 2–30 s), and for a short while after a delivery, when a partner's rejection may follow.
 * Null when nothing is in flight.
 */
export function refreshDelay(messages: SentMessage[], now = Date.now()): number | null {
  let delay: number | null = null;
  const consider = (ms: number) => (delay = delay === null ? ms : Math.min(delay, ms));
  for (const m of messages) {
    if (m.status === 'pending') {
      const due = m.nextAttemptAt ? Date.parse(m.nextAttemptAt) - now + 500 : 0;
      consider(Math.min(30_000, Math.max(2_000, Number.isNaN(due) ? 0 : due)));
    } else if (
      m.status === 'delivered' &&
      !m.partnerResponse &&
      m.deliveredAt &&
      // Either way: a browser clock that is off must not make the list ask forever.
      Math.abs(now - Date.parse(m.deliveredAt)) < 20_000
    )
      consider(3_000);
  }
  return delay;
}
