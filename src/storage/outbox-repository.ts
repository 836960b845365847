// The outbox: signed envelopes waiting for delivery to a partner's node. Rows are written in the same
// transaction as the business change; delivery workers (possibly several processes on one PostgreSQL)
// claim due rows with FOR UPDATE SKIP LOCKED and lease them (leased_until). The lease is kept apart from
// next_attempt_at, when a row is due, so that a dead process's leases can be released without moving a
// backoff retry forward. Every outcome of an attempt ends the lease.
import type { Db } from './db.ts';
import {
  attemptCounts,
  failureDetail,
  timelineOf,
  withEvents,
  type AttemptFailure,
  type OutboxEvent,
} from './outbox-events.ts';
import { isoOrNull } from './rows.ts';
import {
  toMessage,
  type OutboxMessage,
  type OutboxRow,
  type PartnerResponse,
  type PeerDelivery,
} from './outbox-rows.ts';

export type { OutboxMessage, OutboxStatus, PartnerResponse, PeerDelivery } from './outbox-rows.ts';

export class OutboxRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  /**
   * The next sequence number of a sender's messages to one receiver in a conversation (call with the
   * order copy locked): the receiver applies them in this order.
   */
  async nextSeq(companyId: string, peerCompanyId: string, conversationId: string): Promise<number> {
    const r = await this.#db.query<{ next: number }>(
      `SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM outbox
        WHERE company_id = $1 AND peer_company_id = $2 AND conversation_id = $3`,
      [companyId, peerCompanyId, conversationId],
    );
    return Number(r.rows[0]!.next);
  }

  async insert(m: OutboxMessage): Promise<void> {
    // The 'queued' event is written by the same statement: the timeline starts with the message.
    await this.#db.query(
      `WITH i AS (
         INSERT INTO outbox (id, company_id, peer_company_id, conversation_id, seq, document_type, endpoint_url,
           envelope, status, attempts, next_attempt_at, last_error, receipt, created_at, delivered_at, document_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         RETURNING id, company_id, created_at, seq, document_type)
       INSERT INTO outbox_events (company_id, message_id, at, event, detail)
       SELECT company_id, id, created_at, 'queued', jsonb_build_object('seq', seq, 'documentType', document_type)
         FROM i`,
      [
        m.id,
        m.companyId,
        m.peerCompanyId,
        m.conversationId,
        m.seq,
        m.documentType,
        m.endpointUrl,
        m.envelope,
        m.status,
        m.attempts,
        m.nextAttemptAt,
        m.lastError,
        m.receipt,
        m.createdAt,
        m.deliveredAt,
        m.documentId ?? null,
      ],
    );
  }

  /** A company's sent message by id (null for another company's: tenant isolation). */
  async getOf(companyId: string, id: string): Promise<OutboxMessage | null> {
    const r = await this.#db.query<OutboxRow>('SELECT * FROM outbox WHERE id = $1 AND company_id = $2', [
      id,
      companyId,
    ]);
    return r.rows[0] ? toMessage(r.rows[0]) : null;
  }

  /** Records the partner's Message Level Response to a sent message. */
  async setPartnerResponse(id: string, response: PartnerResponse): Promise<void> {
    const detail = {
      code: response.code,
      description: response.description,
      documentId: response.documentId,
      issues: response.issues.length,
    };
    await this.#db.query(
      withEvents(
        'UPDATE outbox SET partner_response = $2 WHERE id = $1',
        '$3',
        `(1, 'partner_response', $4::jsonb)`,
      ),
      [id, JSON.stringify(response), response.at, JSON.stringify(detail)],
    );
  }

  /** A company's message's delivery timeline, oldest event first (empty for another company's). */
  timeline(companyId: string, id: string): Promise<OutboxEvent[]> {
    return timelineOf(this.#db, companyId, id);
  }

  /**
   * A company's messages in one conversation (an order), in sequence, each with its attempts on the
   * wire in total (resends included; `attempts` counts only those since the last resend).
   */
  async listByConversation(
    companyId: string,
    conversationId: string,
  ): Promise<(OutboxMessage & { totalAttempts: number })[]> {
    const r = await this.#db.query<OutboxRow>(
      'SELECT * FROM outbox WHERE company_id = $1 AND conversation_id = $2 ORDER BY seq',
      [companyId, conversationId],
    );
    const counts = await attemptCounts(this.#db, companyId, conversationId);
    return r.rows.map((row) => ({ ...toMessage(row), totalAttempts: counts.get(row.id) ?? 0 }));
  }

  /** Messages of a company its partner rejected with a Message Level Response (they are tasks). */
  async rejectedByCompany(companyId: string): Promise<OutboxMessage[]> {
    const r = await this.#db.query<OutboxRow>(
      `SELECT * FROM outbox WHERE company_id = $1 AND partner_response->>'code' = 'RE' ORDER BY created_at`,
      [companyId],
    );
    return r.rows.map(toMessage);
  }

  async get(id: string): Promise<OutboxMessage | null> {
    const r = await this.#db.query<OutboxRow>('SELECT * FROM outbox WHERE id = $1', [id]);
    return r.rows[0] ? toMessage(r.rows[0]) : null;
  }

  /** A company's outgoing messages, oldest first. */
  async listByCompany(companyId: string): Promise<OutboxMessage[]> {
    const r = await this.#db.query<OutboxRow>(
      'SELECT * FROM outbox WHERE company_id = $1 ORDER BY created_at, conversation_id, seq',
      [companyId],
    );
    return r.rows.map(toMessage);
  }

  /**
   * Claims up to `limit` due pending messages: rows another worker holds are skipped, and the claimed
   * ones are leased until `leaseUntil` so that no other worker takes them while this one delivers.
   */
  async claimDue(now: string, leaseUntil: string, limit: number): Promise<OutboxMessage[]> {
    return this.#db.transaction(async (tx) => {
      const due = await tx.query<{ id: string }>(
        `SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1
            AND (leased_until IS NULL OR leased_until <= $1)
          ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, limit],
      );
      if (due.rows.length === 0) return [];
      const r = await tx.query<OutboxRow>(
        `UPDATE outbox SET leased_until = $2 WHERE id = ANY($1::uuid[]) RETURNING *`,
        [due.rows.map((x) => x.id), leaseUntil],
      );
      return r.rows.map(toMessage).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.seq - b.seq);
    });
  }

  /** Records a delivery with the receiver's signed receipt (and what it says, for the timeline). */
  async markDelivered(
    id: string,
    receipt: string,
    at: string,
    summary: { receivedAt: string; status: string } | null = null,
  ): Promise<void> {
    const stored = summary ? { receivedAt: summary.receivedAt, receiptStatus: summary.status } : {};
    await this.#db.query(
      withEvents(
        `UPDATE outbox SET status = 'delivered', receipt = $2, delivered_at = $3, attempts = attempts + 1,
           last_error = NULL, leased_until = NULL WHERE id = $1`,
        '$3',
        `(1, 'attempt', '{"outcome": "delivered"}'::jsonb), (2, 'receipt_stored', $4::jsonb)`,
      ),
      [id, receipt, at, JSON.stringify(stored)],
    );
  }

  /**
   * Records a failed attempt and when to try again. `failure` says what failed for the timeline;
   * without it the error counts as a network error at the database's now().
   */
  async markRetry(id: string, error: string, nextAttemptAt: string, failure?: AttemptFailure): Promise<void> {
    const f = failure ?? { at: null, httpStatus: null, reason: error };
    await this.#db.query(
      withEvents(
        `UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3, leased_until = NULL
          WHERE id = $1`,
        'COALESCE($4::timestamptz, now())',
        `(1, 'attempt', $5::jsonb)`,
      ),
      [id, error, nextAttemptAt, f.at, JSON.stringify(failureDetail(f, nextAttemptAt))],
    );
  }

  /** Records the last failed attempt and gives up: the message is a dead letter (a task). */
  async markDead(id: string, error: string, failure?: AttemptFailure): Promise<void> {
    const f = failure ?? { at: null, httpStatus: null, reason: error };
    await this.#db.query(
      withEvents(
        `UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = $2, leased_until = NULL
          WHERE id = $1`,
        'COALESCE($3::timestamptz, now())',
        `(1, 'attempt', $4::jsonb), (2, 'dead_lettered', jsonb_build_object('reason', $2::text))`,
      ),
      [id, error, f.at, JSON.stringify(failureDetail(f))],
    );
  }

  /**
   * Records a final refusal of a key announcement: the receiving node does not pin the sender
   * (`reason`, e.g. unknown_sender), so it does not trade with it and needs no announcement — it gets
   * the current keys from the card when it pins later. Not retried, not a dead letter, not a task.
   */
  async markDeclined(id: string, error: string, failure: AttemptFailure, reason: string): Promise<void> {
    await this.#db.query(
      withEvents(
        `UPDATE outbox SET status = 'declined', attempts = attempts + 1, last_error = $2, leased_until = NULL
          WHERE id = $1 AND status = 'pending'`,
        '$3::timestamptz',
        `(1, 'attempt', $4::jsonb), (2, 'declined', jsonb_build_object('reason', $5::text))`,
      ),
      [id, error, failure.at, JSON.stringify(failureDetail(failure)), reason],
    );
  }

  /**
   * The circuit breaker for the peer is open: the message waits until `until` without an attempt. A
   * run of such holds is one event in the timeline (a long outage would otherwise flood it).
   */
  async holdForBreaker(id: string, until: string, at: string): Promise<void> {
    await this.#db.query(
      withEvents(
        `UPDATE outbox SET next_attempt_at = $2, leased_until = NULL WHERE id = $1 AND status = 'pending'`,
        '$3',
        `(1, 'attempt', jsonb_build_object('outcome', 'breaker_open', 'retryAt', $4::text))`,
        `NOT EXISTS (SELECT 1 FROM (SELECT detail FROM outbox_events l
                       WHERE l.company_id = u.company_id AND l.message_id = u.id ORDER BY l.id DESC LIMIT 1) last
                      WHERE last.detail->>'outcome' = 'breaker_open')`,
      ),
      [id, until, at, until],
    );
  }

  /**
   * A person's resend of a dead message: pending again from `at`, with a fresh retry budget (attempts
   * and the dead-letter age start over); the message ID and envelope stay the same.
   */
  async resend(id: string, at: string): Promise<boolean> {
    // One 'resent' event per row the UPDATE touched, so the count of events is the count of rows.
    const r = await this.#db.query(
      withEvents(
        `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $2, requeued_at = $2,
           leased_until = NULL WHERE id = $1 AND status = 'dead'`,
        '$2',
        `(1, 'resent', '{}'::jsonb)`,
      ),
      [id, at],
    );
    return r.rowCount > 0;
  }

  /**
   * Ends every lease: the claimed messages are due again as they were before the claim. Only for a store
   * no other process can hold (PGlite, at start): there every lease is one a dead process left behind.
   * Returns how many messages were released.
   */
  async releaseLeases(): Promise<number> {
    const r = await this.#db.query(
      `UPDATE outbox SET leased_until = NULL WHERE leased_until IS NOT NULL AND status = 'pending'`,
    );
    return r.rowCount;
  }

  /** Pending messages per peer (for /metrics). */
  async depthByPeer(): Promise<{ peer: string; depth: number }[]> {
    const r = await this.#db.query<{ peer: string; depth: string | number }>(
      `SELECT p.participant AS peer, COUNT(*) AS depth FROM outbox o
         JOIN remote_partners p ON p.company_id = o.peer_company_id
        WHERE o.status = 'pending' GROUP BY p.participant ORDER BY p.participant`,
    );
    return r.rows.map((x) => ({ peer: x.peer, depth: Number(x.depth) }));
  }

  /** Dead-lettered messages of a company (they appear in its task list). */
  async deadByCompany(companyId: string): Promise<OutboxMessage[]> {
    const r = await this.#db.query<OutboxRow>(
      `SELECT * FROM outbox WHERE company_id = $1 AND status = 'dead' ORDER BY created_at`,
      [companyId],
    );
    return r.rows.map(toMessage);
  }

  /** Delivery status of a company's outgoing documents per partner (the partners page). */
  async deliveryByPeer(companyId: string): Promise<PeerDelivery[]> {
    const r = await this.#db.query<{
      peer_company_id: string;
      delivered: string | number;
      pending: string | number;
      dead: string | number;
      declined: string | number;
      last_delivered_at: unknown;
    }>(
      `SELECT peer_company_id,
              COUNT(*) FILTER (WHERE status = 'delivered') AS delivered,
              COUNT(*) FILTER (WHERE status = 'pending') AS pending,
              COUNT(*) FILTER (WHERE status = 'dead') AS dead,
              COUNT(*) FILTER (WHERE status = 'declined') AS declined,
              MAX(delivered_at) AS last_delivered_at
         FROM outbox WHERE company_id = $1 GROUP BY peer_company_id`,
      [companyId],
    );
    return r.rows.map((x) => ({
      peerCompanyId: x.peer_company_id,
      delivered: Number(x.delivered),
      pending: Number(x.pending),
      dead: Number(x.dead),
      declined: Number(x.declined),
      lastDeliveredAt: isoOrNull(x.last_delivered_at),
    }));
  }
}
