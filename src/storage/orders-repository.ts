// Order copies, their lines and their history. A save writes the header (with the derived status),
// the changed lines and the new events; a stale version is refused, never merged.
import { DomainError } from '../domain/errors.ts';
import type { OrderEvent } from '../domain/order-events.ts';
import { orderStatus, type OrderStatus } from '../domain/order-status.ts';
import type { Order, Role } from '../domain/order-types.ts';
import { type Db, PG_UNIQUE_VIOLATION, sqlState } from './db.ts';
import {
  COLUMNS,
  EVENT_RECORD,
  eventsJson,
  EVENTS_FROM,
  LINES,
  LINES_FROM,
  linesJson,
  nextDueDate,
  toOrder,
  type OrderRow,
} from './order-rows.ts';
import { decodeCursor, encodeCursor, iso } from './rows.ts';

export interface OrderFilter {
  role?: Role | undefined;
  status?: OrderStatus[] | undefined;
  partnerCompanyId?: string | undefined;
  /** Issue date range, inclusive, YYYY-MM-DD. */
  from?: string | undefined;
  to?: string | undefined;
  /** Only orders with an agreed delivery before `today` still open. */
  lateOnly?: boolean | undefined;
  today: string;
  /** Searches order number and partner name. */
  q?: string | undefined;
}

export interface OrderSummary {
  id: string;
  role: Role;
  number: string;
  issueDate: string;
  currency: string;
  status: OrderStatus;
  partner: { companyId: string; name: string };
  nextDueDate: string | null;
  late: boolean;
  lineCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

function duplicateNumber(e: unknown, order: Order): never {
  if (sqlState(e) === PG_UNIQUE_VIOLATION) {
    throw new DomainError('conflict', `order number ${order.number} is already used`, { field: 'number' });
  }
  throw e;
}

// Ids come from URLs and files; anything that is not a UUID cannot name an order (and must not reach a uuid column).
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class OrdersRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  /** Inserts a new order copy with all its lines and events; all or nothing. */
  insert(order: Order, events: OrderEvent[]): Promise<void> {
    return this.#db.transaction((db) => new OrdersRepository(db).#insert(order, events));
  }

  async #insert(order: Order, events: OrderEvent[]): Promise<void> {
    const partner = order.role === 'buyer' ? order.seller : order.buyer;
    // One statement: the copy, its lines and its events (the lines' and events' rows join the new row).
    try {
      await this.#db.query(
        `WITH o AS (
           INSERT INTO orders (company_id, id, role, partner_company_id, partner_name, number, issue_date, currency, status, next_due_date, version, header, invoices, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
           RETURNING company_id, id),
         l AS (${LINES_FROM('o', '$16')}),
         e AS (${EVENTS_FROM('o', '$17')})
         SELECT 1`,
        [
          order.companyId,
          order.id,
          order.role,
          partner.companyId,
          partner.name,
          order.number,
          order.issueDate,
          order.currency,
          orderStatus(order),
          nextDueDate(order),
          order.version,
          JSON.stringify(this.#header(order)),
          JSON.stringify(order.invoices),
          order.createdAt,
          order.updatedAt,
          linesJson(
            order,
            order.lines.map((l) => l.lineId),
          ),
          eventsJson(events),
        ],
      );
    } catch (e) {
      duplicateNumber(e, order);
    }
  }

  /** Saves a changed copy if nobody saved since `expectedVersion`; otherwise a version_conflict. All or nothing. */
  update(
    order: Order,
    expectedVersion: number,
    changedLineIds: string[],
    events: OrderEvent[],
  ): Promise<void> {
    return this.#db.transaction((db) =>
      new OrdersRepository(db).#update(order, expectedVersion, changedLineIds, events),
    );
  }

  async #update(
    order: Order,
    expectedVersion: number,
    changedLineIds: string[],
    events: OrderEvent[],
  ): Promise<void> {
    // One statement: the lines and events are written only when the versioned update found its row.
    const r = await this.#db.query<{ n: number }>(
      `WITH u AS (
         UPDATE orders SET status = $3, next_due_date = $4, version = $5, header = $6, invoices = $7, updated_at = $8
          WHERE company_id = $1 AND id = $2 AND version = $9
          RETURNING company_id, id),
       l AS (${LINES_FROM('u', '$10')}),
       e AS (${EVENTS_FROM('u', '$11')})
       SELECT count(*)::int AS n FROM u`,
      [
        order.companyId,
        order.id,
        orderStatus(order),
        nextDueDate(order),
        order.version,
        JSON.stringify(this.#header(order)),
        JSON.stringify(order.invoices),
        order.updatedAt,
        expectedVersion,
        linesJson(order, changedLineIds),
        eventsJson(events),
      ],
    );
    if (Number(r.rows[0]?.n ?? 0) === 0) {
      throw new DomainError(
        'version_conflict',
        `order ${order.number} was changed by someone else (expected version ${expectedVersion}); reload and try again`,
        {
          expectedVersion,
        },
      );
    }
  }

  async get(companyId: string, id: string): Promise<Order | null> {
    if (!UUID_RE.test(id)) return null;
    const r = await this.#db.query<OrderRow>(
      `SELECT ${COLUMNS}, ${LINES} FROM orders o WHERE o.company_id = $1 AND o.id = $2`,
      [companyId, id],
    );
    return r.rows[0] ? toOrder(r.rows[0]) : null;
  }

  /**
   * Loads a copy and locks its row until the transaction ends (PostgreSQL; PGlite has one writer anyway).
   * The partner's copy, when this node holds it, is locked too, both in company order: a buyer and a
   * seller acting on one order at once then queue instead of deadlocking (each would otherwise hold its
   * own copy and wait for the other's during delivery). Nothing of the partner's copy is read.
   */
  async getForUpdate(companyId: string, id: string): Promise<Order | null> {
    if (!UUID_RE.test(id)) return null;
    await this.#db.query(
      `SELECT 1 FROM orders
        WHERE id = $2 AND company_id IN ($1, (SELECT partner_company_id FROM orders WHERE company_id = $1 AND id = $2))
        ORDER BY company_id FOR UPDATE`,
      [companyId, id],
    );
    return this.get(companyId, id);
  }

  /** A buyer's order by its number (unique per buyer). */
  async findIdByNumber(companyId: string, number: string): Promise<string | null> {
    const r = await this.#db.query<{ id: string }>(
      'SELECT id FROM orders WHERE company_id = $1 AND number = $2 ORDER BY role LIMIT 1',
      [companyId, number],
    );
    return r.rows[0]?.id ?? null;
  }

  /** Copies that are not finished (for the task list). */
  async listOpen(companyId: string): Promise<Order[]> {
    const r = await this.#db.query<OrderRow>(
      `SELECT ${COLUMNS}, ${LINES} FROM orders o WHERE o.company_id = $1 AND o.status NOT IN ('completed', 'cancelled')`,
      [companyId],
    );
    return r.rows.map(toOrder);
  }

  /** Newest first, keyset-paginated; the cursor is opaque to callers. */
  async list(
    companyId: string,
    filter: OrderFilter,
    limit: number,
    cursor?: string,
  ): Promise<Page<OrderSummary>> {
    const where = ['o.company_id = $1'];
    const params: unknown[] = [companyId];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.role) add('o.role = ?', filter.role);
    if (filter.status?.length) add('o.status = ANY(?::text[])', filter.status);
    if (filter.partnerCompanyId) add('o.partner_company_id = ?', filter.partnerCompanyId);
    if (filter.from) add('o.issue_date >= ?::date', filter.from);
    if (filter.to) add('o.issue_date <= ?::date', filter.to);
    if (filter.lateOnly) add('o.next_due_date < ?::date', filter.today);
    if (filter.q) {
      params.push(`%${filter.q.replace(/[%_\\]/g, '\\$&')}%`);
      where.push(`(o.number ILIKE $${params.length} OR o.partner_name ILIKE $${params.length})`);
    }
    if (cursor) {
      const c = decodeCursor(cursor);
      if (!c)
        throw new DomainError(
          'validation_failed',
          'cursor is not valid; use nextCursor from a previous page',
          { field: 'cursor' },
        );
      params.push(c.createdAt, c.id);
      where.push(`(o.created_at, o.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const r = await this.#db.query<OrderRow>(
      `SELECT ${COLUMNS}, (SELECT count(*)::int FROM order_lines l WHERE l.company_id = o.company_id AND l.order_id = o.id) AS line_count
         FROM orders o WHERE ${where.join(' AND ')} ORDER BY o.created_at DESC, o.id DESC LIMIT $${params.length}`,
      params,
    );
    const rows = r.rows.slice(0, limit);
    const items = rows.map((row) => ({
      id: row.id,
      role: row.role,
      number: row.number,
      issueDate: row.issue_date,
      currency: row.currency,
      status: row.status,
      partner: { companyId: row.partner_company_id, name: row.partner_name },
      nextDueDate: row.next_due_date,
      late: row.next_due_date !== null && row.next_due_date < filter.today,
      lineCount: row.line_count ?? 0,
      version: row.version,
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    }));
    const last = items.at(-1);
    return {
      items,
      nextCursor: r.rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
    };
  }

  /** Counts per status for a role, for list headers. */
  async countByStatus(companyId: string, role: Role | undefined): Promise<Record<string, number>> {
    const r = await this.#db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM orders WHERE company_id = $1 AND ($2::text IS NULL OR role = $2) GROUP BY status',
      [companyId, role ?? null],
    );
    return Object.fromEntries(r.rows.map((x) => [x.status, x.n]));
  }

  async appendEvents(companyId: string, events: OrderEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.#db.query(
      `INSERT INTO order_events (id, company_id, order_id, line_id, type, data, reason, actor, document_id, at)
       SELECT x.id, $1, x.order_id, x.line_id, x.type, x.data, x.reason, x.actor, x.document_id, x.at
         FROM jsonb_to_recordset($2::jsonb) AS ${EVENT_RECORD}`,
      [companyId, eventsJson(events)],
    );
  }

  /** History of one order copy (optionally one line), oldest first. */
  async events(companyId: string, orderId: string, lineId?: string): Promise<OrderEvent[]> {
    if (!UUID_RE.test(orderId)) return [];
    const r = await this.#db.query<{
      id: string;
      order_id: string;
      line_id: string | null;
      type: OrderEvent['type'];
      data: Record<string, unknown>;
      reason: string | null;
      actor: OrderEvent['actor'];
      document_id: string | null;
      at: unknown;
    }>(
      `SELECT id, order_id, line_id, type, data, reason, actor, document_id, at FROM order_events
        WHERE company_id = $1 AND order_id = $2 AND ($3::text IS NULL OR line_id = $3) ORDER BY seq`,
      [companyId, orderId, lineId ?? null],
    );
    return r.rows.map((e) => ({
      id: e.id,
      orderId: e.order_id,
      lineId: e.line_id,
      type: e.type,
      data: e.data,
      reason: e.reason,
      actor: e.actor,
      documentId: e.document_id,
      at: iso(e.at),
    }));
  }

  async insertDespatch(
    companyId: string,
    d: { id: string; number: string; date: string; lines: unknown[] },
  ): Promise<void> {
    try {
      await this.#db.query(
        'INSERT INTO despatches (company_id, id, number, despatch_date, lines) VALUES ($1, $2, $3, $4, $5)',
        [companyId, d.id, d.number, d.date, JSON.stringify(d.lines)],
      );
    } catch (e) {
      if (sqlState(e) === PG_UNIQUE_VIOLATION)
        throw new DomainError('conflict', `despatch ${d.number} is already recorded`, { field: 'number' });
      throw e;
    }
  }

  #header(order: Order): OrderRow['header'] {
    return {
      buyer: order.buyer,
      seller: order.seller,
      deliveryLocation: order.deliveryLocation,
      note: order.note,
    };
  }
}
