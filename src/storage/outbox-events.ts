// The delivery timeline of outbox messages: append-only rows in outbox_events, one per delivery event.
// The outbox repository writes them in the same statement as the state change they record (a CTE), so
// a timeline never shows what did not happen, nor misses what did.
import type { Db } from './db.ts';
import { iso } from './rows.ts';

export type OutboxEventKind =
  'queued' | 'attempt' | 'dead_lettered' | 'resent' | 'receipt_stored' | 'partner_response' | 'declined';

/** What an attempt came to; breaker_open is no attempt on the wire and does not count as one. */
export type AttemptOutcome = 'delivered' | 'refused' | 'network_error' | 'breaker_open';

/** One event of a message's delivery; which detail fields are set depends on the event. */
export interface OutboxEvent {
  at: string;
  event: OutboxEventKind;
  detail: OutboxEventDetail;
}

export interface OutboxEventDetail {
  /** queued: the message's place in its conversation and what it carries. */
  seq?: number;
  documentType?: string;
  /** attempt: its number since the last resend (not for breaker_open) and its outcome. */
  attempt?: number;
  outcome?: AttemptOutcome;
  /**
   * attempt refused: the receiver's HTTP status and reason; dead_lettered: the last error; declined: the
   * receiver's reason code (unknown_sender).
   */
  httpStatus?: number;
  reason?: string;
  /** attempt network_error: the error text. */
  error?: string;
  /** attempt failed or breaker_open: when the next attempt is due. */
  retryAt?: string;
  /** receipt_stored: what the receiver's signed receipt says. */
  receivedAt?: string;
  receiptStatus?: string;
  /** partner_response: the partner's Message Level Response. */
  code?: string;
  description?: string | null;
  documentId?: string;
  issues?: number;
  /** Reconstructed from the outbox row by migration 0010 (the message predates the timeline). */
  backfilled?: boolean;
}

/** A failed delivery attempt: refused by the receiver (its HTTP status) or a network error (no status). */
export interface AttemptFailure {
  at: string;
  httpStatus: number | null;
  reason: string;
}

/** The timeline detail of a failed attempt. */
export const failureDetail = (f: Omit<AttemptFailure, 'at'>, retryAt?: string): OutboxEventDetail =>
  f.httpStatus === null
    ? { outcome: 'network_error', error: f.reason, ...(retryAt ? { retryAt } : {}) }
    : { outcome: 'refused', httpStatus: f.httpStatus, reason: f.reason, ...(retryAt ? { retryAt } : {}) };

/**
 * SQL that runs `update` (an UPDATE of outbox) and appends, for each row it touched, the events in
 * `values` — `(n, 'event', detail::jsonb)` rows, appended in n order — at the SQL expression `at`.
 * An attempt that reached the wire gets the row's new attempt count.
 */
export const withEvents = (update: string, at: string, values: string, where = 'TRUE'): string =>
  `WITH u AS (${update} RETURNING id, company_id, attempts)
   INSERT INTO outbox_events (company_id, message_id, at, event, detail)
   SELECT u.company_id, u.id, ${at}, e.event,
          e.detail || CASE WHEN e.event = 'attempt' AND e.detail->>'outcome' <> 'breaker_open'
                           THEN jsonb_build_object('attempt', u.attempts) ELSE '{}'::jsonb END
     FROM u, (VALUES ${values}) AS e(n, event, detail)
    WHERE ${where}
    ORDER BY e.n`;

/** A company's message's timeline in the order it happened (empty for another company's message). */
export async function timelineOf(db: Db, companyId: string, messageId: string): Promise<OutboxEvent[]> {
  const r = await db.query<{ at: unknown; event: OutboxEventKind; detail: OutboxEventDetail }>(
    'SELECT at, event, detail FROM outbox_events WHERE company_id = $1 AND message_id = $2 ORDER BY id',
    [companyId, messageId],
  );
  return r.rows.map((x) => ({ at: iso(x.at), event: x.event, detail: x.detail }));
}

/** Attempts on the wire per message of a company's conversation, resends included. */
export async function attemptCounts(
  db: Db,
  companyId: string,
  conversationId: string,
): Promise<Map<string, number>> {
  const r = await db.query<{ message_id: string; n: string | number }>(
    `SELECT e.message_id, COUNT(*) AS n FROM outbox_events e JOIN outbox o ON o.id = e.message_id
      WHERE e.company_id = $1 AND o.company_id = $1 AND o.conversation_id = $2
        AND e.event = 'attempt' AND e.detail->>'outcome' <> 'breaker_open'
      GROUP BY e.message_id`,
    [companyId, conversationId],
  );
  return new Map(r.rows.map((x) => [x.message_id, Number(x.n)]));
}
