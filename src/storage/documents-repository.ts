// Business documents: metadata per company copy, the original bytes once (byte-exact), and the few
// order look-ups that documents need (an order by its number, by one of its invoices).
import { DomainError } from '../domain/errors.ts';
import type { Actor } from '../domain/order-events.ts';
import type { Role } from '../domain/order-types.ts';
import { type Db, PG_UNIQUE_VIOLATION, sqlState } from './db.ts';
import { iso } from './rows.ts';

export type DocumentStatus = 'processed' | 'recorded' | 'rejected';

export interface DocumentRecord {
  id: string;
  /** The company this copy belongs to. */
  companyId: string;
  direction: 'sent' | 'received';
  partnerCompanyId: string | null;
  documentType: string;
  profile: string | null;
  customizationId: string | null;
  /** The document's own ID (cbc:ID). */
  number: string;
  /** '' normally; the SHA-256 for documents that re-use their ID by design (SCSN Changed orders). */
  revision: string;
  issueDate: string | null;
  status: DocumentStatus;
  sha256: string;
  byteSize: number;
  orderIds: string[];
  /** Validator findings (JSON as the validator reports them). */
  findings: unknown[];
  /** What the document did to orders. */
  summary: Record<string, unknown>;
  /** A partner's message level response to this document, when one arrived. */
  partnerResponse: Record<string, unknown> | null;
  actor: Actor | null;
  createdAt: string;
}

interface DocumentRow {
  id: string;
  company_id: string;
  direction: 'sent' | 'received';
  partner_company_id: string | null;
  document_type: string;
  profile: string | null;
  customization_id: string | null;
  number: string;
  revision: string;
  issue_date: string | null;
  status: DocumentStatus;
  sha256: string;
  byte_size: number;
  order_ids: string[];
  findings: unknown[];
  summary: Record<string, unknown>;
  partner_response: Record<string, unknown> | null;
  actor: Actor | null;
  created_at: unknown;
}

const COLUMNS = `d.id, d.company_id, d.direction, d.partner_company_id, d.document_type, d.profile, d.customization_id,
  d.number, d.revision, d.issue_date::text AS issue_date, d.status, d.sha256, c.byte_size, d.order_ids, d.findings, d.summary,
  d.partner_response, d.actor, d.created_at`;
const FROM = 'documents d JOIN document_contents c ON c.id = d.id';

// Ids come from URLs; anything that is not a UUID cannot name a document (and must not reach a uuid column).
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toRecord = (r: DocumentRow): DocumentRecord => ({
  id: r.id,
  companyId: r.company_id,
  direction: r.direction,
  partnerCompanyId: r.partner_company_id,
  documentType: r.document_type,
  profile: r.profile,
  customizationId: r.customization_id,
  number: r.number,
  revision: r.revision,
  issueDate: r.issue_date,
  status: r.status,
  sha256: r.sha256,
  byteSize: r.byte_size,
  orderIds: r.order_ids ?? [],
  findings: r.findings,
  summary: r.summary,
  partnerResponse: r.partner_response,
  actor: r.actor,
  createdAt: iso(r.created_at),
});

export class DocumentsRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  /** Stores the original bytes of a document once; every copy refers to them by the document id. */
  async insertContent(id: string, sha256: string, content: Uint8Array): Promise<void> {
    await this.#db.query(
      'INSERT INTO document_contents (id, sha256, byte_size, content) VALUES ($1, $2, $3, $4)',
      [id, sha256, content.byteLength, Buffer.from(content.buffer, content.byteOffset, content.byteLength)],
    );
  }

  /**
   * The bytes stored under a content id, whoever holds a copy: for the node's own use while a document
   * is being imported (its copy row is written after it was applied), never with an id from a request.
   */
  async contentById(id: string): Promise<Uint8Array | null> {
    if (!UUID_RE.test(id)) return null;
    const r = await this.#db.query<{ content: Uint8Array }>(
      'SELECT content FROM document_contents WHERE id = $1',
      [id],
    );
    const content = r.rows[0]?.content;
    return content ? new Uint8Array(content.buffer, content.byteOffset, content.byteLength) : null;
  }

  /** Inserts one company's copy of a document; a second sent document with the same type and ID is a conflict. */
  async insert(record: Omit<DocumentRecord, 'byteSize'>): Promise<void> {
    await this.#insert(record, null);
  }

  /**
   * Stores a document's bytes and one company's copy of it in one statement (a received document, which
   * no other copy shares yet); the same conflict as insert, and then nothing is stored.
   */
  async insertWithContent(record: Omit<DocumentRecord, 'byteSize'>, content: Uint8Array): Promise<void> {
    await this.#insert(record, content);
  }

  async #insert(record: Omit<DocumentRecord, 'byteSize'>, content: Uint8Array | null): Promise<void> {
    const columns = `INSERT INTO documents (company_id, id, direction, partner_company_id, document_type, profile, customization_id, number,
           issue_date, status, sha256, order_ids, findings, summary, partner_response, actor, created_at, revision)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::uuid[], $13, $14, $15, $16, $17, $18)`;
    const params: unknown[] = [
      record.companyId,
      record.id,
      record.direction,
      record.partnerCompanyId,
      record.documentType,
      record.profile,
      record.customizationId,
      record.number,
      record.issueDate,
      record.status,
      record.sha256,
      record.orderIds,
      JSON.stringify(record.findings),
      JSON.stringify(record.summary),
      record.partnerResponse === null ? null : JSON.stringify(record.partnerResponse),
      record.actor === null ? null : JSON.stringify(record.actor),
      record.createdAt,
      record.revision,
    ];
    const sql = content
      ? `WITH c AS (INSERT INTO document_contents (id, sha256, byte_size, content) VALUES ($2, $11, $19, $20))
         ${columns}`
      : columns;
    if (content)
      params.push(content.byteLength, Buffer.from(content.buffer, content.byteOffset, content.byteLength));
    try {
      await this.#db.query(sql, params);
    } catch (e) {
      if (sqlState(e) === PG_UNIQUE_VIOLATION) {
        throw new DomainError(
          'conflict',
          `${record.documentType} ${record.number} was already received from this sender`,
          {
            field: 'cbc:ID',
          },
        );
      }
      throw e;
    }
  }

  async get(companyId: string, id: string): Promise<DocumentRecord | null> {
    if (!UUID_RE.test(id)) return null;
    const r = await this.#db.query<DocumentRow>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE d.company_id = $1 AND d.id = $2`,
      [companyId, id],
    );
    return r.rows[0] ? toRecord(r.rows[0]) : null;
  }

  /** The original bytes of a document the company holds a copy of. */
  async content(companyId: string, id: string): Promise<Uint8Array | null> {
    if (!UUID_RE.test(id)) return null;
    const r = await this.#db.query<{ content: Uint8Array }>(
      `SELECT c.content FROM ${FROM} WHERE d.company_id = $1 AND d.id = $2`,
      [companyId, id],
    );
    const content = r.rows[0]?.content;
    return content ? new Uint8Array(content.buffer, content.byteOffset, content.byteLength) : null;
  }

  /**
   * Serialises the imports of one sender's document (type, ID, revision) until the transaction ends, so
   * that the same document posted twice at once is applied once and the second import finds the first.
   */
  async lockSent(companyId: string, documentType: string, number: string, revision = ''): Promise<void> {
    await this.#db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `schakel-document|${companyId}|${documentType}|${number}|${revision}`,
    ]);
  }

  /** The document a company already sent (and that was not refused) with this type, ID and revision. */
  async findSent(
    companyId: string,
    documentType: string,
    number: string,
    revision = '',
  ): Promise<DocumentRecord | null> {
    const r = await this.#db.query<DocumentRow>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE d.company_id = $1 AND d.direction = 'sent' AND d.status <> 'rejected'
         AND d.document_type = $2 AND d.number = $3 AND d.revision = $4`,
      [companyId, documentType, number, revision],
    );
    return r.rows[0] ? toRecord(r.rows[0]) : null;
  }

  /** An earlier refusal of exactly these bytes, so that posting them again does not pile up records. */
  async findRejected(
    companyId: string,
    documentType: string,
    number: string,
    sha256: string,
  ): Promise<DocumentRecord | null> {
    const r = await this.#db.query<DocumentRow>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE d.company_id = $1 AND d.direction = 'sent' AND d.status = 'rejected'
         AND d.document_type = $2 AND d.number = $3 AND d.sha256 = $4 ORDER BY d.seq LIMIT 1`,
      [companyId, documentType, number, sha256],
    );
    return r.rows[0] ? toRecord(r.rows[0]) : null;
  }

  /** Documents of one order copy, oldest first. */
  async listByOrder(companyId: string, orderId: string): Promise<DocumentRecord[]> {
    if (!UUID_RE.test(orderId)) return [];
    const r = await this.#db.query<DocumentRow>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE d.company_id = $1 AND d.order_ids @> ARRAY[$2]::uuid[] ORDER BY d.created_at, d.seq`,
      [companyId, orderId],
    );
    return r.rows.map(toRecord);
  }

  /** Documents a company received with this ID (what a message level response of that company refers to). */
  async findReceived(companyId: string, number: string): Promise<DocumentRecord[]> {
    const r = await this.#db.query<DocumentRow>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE d.company_id = $1 AND d.direction = 'received' AND d.number = $2 ORDER BY d.seq DESC`,
      [companyId, number],
    );
    return r.rows.map(toRecord);
  }

  /** Documents a company sent to one partner with this ID, newest first (what the partner's MLR answers). */
  async findSentTo(companyId: string, partnerCompanyId: string, number: string): Promise<DocumentRecord[]> {
    const r = await this.#db.query<DocumentRow>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE d.company_id = $1 AND d.direction = 'sent'
         AND d.partner_company_id = $2 AND d.number = $3 ORDER BY d.seq DESC`,
      [companyId, partnerCompanyId, number],
    );
    return r.rows.map(toRecord);
  }

  /** Records a partner's technical response on a document. */
  async setPartnerResponse(id: string, response: Record<string, unknown>): Promise<void> {
    await this.#db.query('UPDATE documents SET partner_response = $2 WHERE id = $1', [
      id,
      JSON.stringify(response),
    ]);
  }

  /** A company's order copies with this number in a role (a seller may hold the same number from two buyers). */
  async findOrders(
    companyId: string,
    role: Role,
    number: string,
  ): Promise<{ id: string; partnerCompanyId: string }[]> {
    const r = await this.#db.query<{ id: string; partner_company_id: string }>(
      'SELECT id, partner_company_id FROM orders WHERE company_id = $1 AND role = $2 AND number = $3 ORDER BY created_at',
      [companyId, role, number],
    );
    return r.rows.map((x) => ({ id: x.id, partnerCompanyId: x.partner_company_id }));
  }

  /** Order copies of a company that carry an invoice with this number. */
  async findOrdersByInvoice(companyId: string, invoiceNumber: string): Promise<string[]> {
    const r = await this.#db.query<{ id: string }>(
      `SELECT id FROM orders WHERE company_id = $1 AND invoices @> $2::jsonb ORDER BY created_at`,
      [companyId, JSON.stringify([{ number: invoiceNumber }])],
    );
    return r.rows.map((x) => x.id);
  }

  /** The date a seller recorded for one of its despatches. */
  async despatchDate(companyId: string, number: string): Promise<string | null> {
    const r = await this.#db.query<{ despatch_date: string }>(
      'SELECT despatch_date::text AS despatch_date FROM despatches WHERE company_id = $1 AND number = $2',
      [companyId, number],
    );
    return r.rows[0]?.despatch_date ?? null;
  }
}
