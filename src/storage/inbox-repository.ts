// The inbox: envelopes received from partners' nodes, stored byte-exact with their processing result.
// (sender, message_id) is unique, so a resend is recognised and never applied twice; per conversation
// envelopes are applied in seq order and early arrivals wait as 'parked'.
import type { Db } from './db.ts';
import { iso, isoOrNull } from './rows.ts';

export type InboxStatus = 'parked' | 'applied' | 'failed';

export interface InboxMessage {
  /** The sender's participant id, `scheme:value`. */
  sender: string;
  messageId: string;
  receiverCompanyId: string;
  senderCompanyId: string;
  conversationId: string;
  seq: number;
  documentType: string;
  envelope: string;
  status: InboxStatus;
  result: Record<string, unknown>;
  receivedAt: string;
  processedAt: string | null;
}

interface InboxRow {
  sender: string;
  message_id: string;
  receiver_company_id: string;
  sender_company_id: string;
  conversation_id: string;
  seq: number;
  document_type: string;
  envelope: string;
  status: InboxStatus;
  result: Record<string, unknown>;
  received_at: unknown;
  processed_at: unknown;
}

const toMessage = (r: InboxRow): InboxMessage => ({
  sender: r.sender,
  messageId: r.message_id,
  receiverCompanyId: r.receiver_company_id,
  senderCompanyId: r.sender_company_id,
  conversationId: r.conversation_id,
  seq: r.seq,
  documentType: r.document_type,
  envelope: r.envelope,
  status: r.status,
  result: r.result,
  receivedAt: iso(r.received_at),
  processedAt: isoOrNull(r.processed_at),
});

export class InboxRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  /**
   * Serialises work on one conversation of one receiver until the transaction ends, so that two
   * envelopes of it arriving at once are sequenced one after the other.
   */
  async lockConversation(receiverCompanyId: string, conversationId: string): Promise<void> {
    await this.#db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `inbox:${receiverCompanyId}:${conversationId}`,
    ]);
  }

  /** Stores a received envelope; false when this (sender, message id) or its seq was already stored. */
  async insert(m: InboxMessage): Promise<boolean> {
    const r = await this.#db.query(
      `INSERT INTO inbox (sender, message_id, receiver_company_id, sender_company_id, conversation_id, seq,
         document_type, envelope, status, result, received_at, processed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING`,
      [
        m.sender,
        m.messageId,
        m.receiverCompanyId,
        m.senderCompanyId,
        m.conversationId,
        m.seq,
        m.documentType,
        m.envelope,
        m.status,
        JSON.stringify(m.result),
        m.receivedAt,
        m.processedAt,
      ],
    );
    return r.rowCount > 0;
  }

  async get(sender: string, messageId: string): Promise<InboxMessage | null> {
    const r = await this.#db.query<InboxRow>('SELECT * FROM inbox WHERE sender = $1 AND message_id = $2', [
      sender,
      messageId,
    ]);
    return r.rows[0] ? toMessage(r.rows[0]) : null;
  }

  /** The highest seq already processed (applied or failed) in a conversation from one sender; 0 if none. */
  async lastProcessedSeq(receiverCompanyId: string, senderCompanyId: string, conversationId: string) {
    const r = await this.#db.query<{ last: number }>(
      `SELECT COALESCE(MAX(seq), 0) AS last FROM inbox
        WHERE receiver_company_id = $1 AND sender_company_id = $2 AND conversation_id = $3
          AND status <> 'parked'`,
      [receiverCompanyId, senderCompanyId, conversationId],
    );
    return Number(r.rows[0]!.last);
  }

  /**
   * Where a conversation stands for an arriving message, in one statement: the message itself if it was
   * stored before (a duplicate), the highest processed seq, whether another message holds its seq, and
   * whether messages of the conversation are parked (waiting for one before them).
   */
  async sequenceState(
    conversation: { receiver: string; sender: string; conversationId: string },
    message: { sender: string; messageId: string; seq: number },
  ): Promise<{
    existing: { status: InboxStatus; receivedAt: string } | null;
    lastProcessed: number;
    seqTaken: boolean;
    parkedWaiting: boolean;
  }> {
    const r = await this.#db.query<{
      status: InboxStatus | null;
      received_at: unknown;
      last: number | string;
      seq_taken: boolean;
      parked: boolean;
    }>(
      `WITH c AS (SELECT seq, status FROM inbox
                   WHERE receiver_company_id = $1 AND sender_company_id = $2 AND conversation_id = $3),
            m AS (SELECT status, received_at FROM inbox WHERE sender = $4 AND message_id = $5)
       SELECT (SELECT status FROM m) AS status, (SELECT received_at FROM m) AS received_at,
              COALESCE((SELECT MAX(seq) FROM c WHERE status <> 'parked'), 0) AS last,
              EXISTS (SELECT 1 FROM c WHERE seq = $6) AS seq_taken,
              EXISTS (SELECT 1 FROM c WHERE status = 'parked') AS parked`,
      [
        conversation.receiver,
        conversation.sender,
        conversation.conversationId,
        message.sender,
        message.messageId,
        message.seq,
      ],
    );
    const row = r.rows[0]!;
    return {
      existing: row.status ? { status: row.status, receivedAt: iso(row.received_at) } : null,
      lastProcessed: Number(row.last),
      seqTaken: row.seq_taken,
      parkedWaiting: row.parked,
    };
  }

  /**
   * Conversations whose next envelope is parked although nothing is missing before it: the message that
   * filled the gap was committed, but the node stopped before applying what waited for it.
   */
  async unblockedParked(
    limit: number,
  ): Promise<{ receiverCompanyId: string; senderCompanyId: string; conversationId: string }[]> {
    const r = await this.#db.query<{
      receiver_company_id: string;
      sender_company_id: string;
      conversation_id: string;
    }>(
      `SELECT p.receiver_company_id, p.sender_company_id, p.conversation_id FROM inbox p
        WHERE p.status = 'parked'
          AND p.seq = 1 + COALESCE((SELECT MAX(q.seq) FROM inbox q
                WHERE q.receiver_company_id = p.receiver_company_id AND q.sender_company_id = p.sender_company_id
                  AND q.conversation_id = p.conversation_id AND q.status <> 'parked'), 0)
        ORDER BY random() LIMIT $1`,
      [limit],
    );
    return r.rows.map((x) => ({
      receiverCompanyId: x.receiver_company_id,
      senderCompanyId: x.sender_company_id,
      conversationId: x.conversation_id,
    }));
  }

  /** The parked envelope with this seq, if it arrived early. */
  async parked(
    receiverCompanyId: string,
    senderCompanyId: string,
    conversationId: string,
    seq: number,
  ): Promise<InboxMessage | null> {
    const r = await this.#db.query<InboxRow>(
      `SELECT * FROM inbox WHERE receiver_company_id = $1 AND sender_company_id = $2
          AND conversation_id = $3 AND seq = $4 AND status = 'parked'`,
      [receiverCompanyId, senderCompanyId, conversationId, seq],
    );
    return r.rows[0] ? toMessage(r.rows[0]) : null;
  }

  async markProcessed(
    sender: string,
    messageId: string,
    status: 'applied' | 'failed',
    result: Record<string, unknown>,
    at: string,
  ): Promise<void> {
    await this.#db.query(
      'UPDATE inbox SET status = $3, result = $4, processed_at = $5 WHERE sender = $1 AND message_id = $2',
      [sender, messageId, status, JSON.stringify(result), at],
    );
  }

  /** Messages a company received, in arrival order. */
  async listByReceiver(receiverCompanyId: string): Promise<InboxMessage[]> {
    const r = await this.#db.query<InboxRow>(
      'SELECT * FROM inbox WHERE receiver_company_id = $1 ORDER BY received_at, conversation_id, seq',
      [receiverCompanyId],
    );
    return r.rows.map(toMessage);
  }
}
