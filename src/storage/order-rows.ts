// The SQL shape of order copies: the row the queries read and the order it maps to, and the JSON the
// writes hand to jsonb_to_recordset for lines and events (so a copy is saved in one statement).
import type { OrderEvent } from '../domain/order-events.ts';
import { lateDeliveries, type OrderStatus } from '../domain/order-status.ts';
import type { Order, OrderLine, Role } from '../domain/order-types.ts';
import { iso } from './rows.ts';

export interface OrderRow {
  company_id: string;
  id: string;
  role: Role;
  partner_company_id: string;
  partner_name: string;
  number: string;
  issue_date: string;
  currency: string;
  status: OrderStatus;
  next_due_date: string | null;
  version: number;
  header: Pick<Order, 'buyer' | 'seller' | 'deliveryLocation' | 'note'>;
  invoices: Order['invoices'];
  created_at: unknown;
  updated_at: unknown;
  lines?: OrderLine[] | null;
  line_count?: number;
}

// Dates as text so both drivers return YYYY-MM-DD, whatever the session time zone.
export const COLUMNS = `o.company_id, o.id, o.role, o.partner_company_id, o.partner_name, o.number, o.issue_date::text AS issue_date,
  o.currency, o.status, o.next_due_date::text AS next_due_date, o.version, o.header, o.invoices, o.created_at, o.updated_at`;

export const LINES = `(SELECT json_agg(l.data ORDER BY l.position) FROM order_lines l WHERE l.company_id = o.company_id AND l.order_id = o.id) AS lines`;

export function toOrder(r: OrderRow): Order {
  return {
    id: r.id,
    companyId: r.company_id,
    role: r.role,
    number: r.number,
    issueDate: r.issue_date,
    currency: r.currency,
    ...r.header,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    lines: r.lines ?? [],
    invoices: r.invoices,
  };
}

/** Earliest agreed delivery date still open on this copy's side (shipping for sellers, receiving for buyers). */
export function nextDueDate(order: Order): string | null {
  const side = order.role === 'seller' ? 'ship' : 'receive';
  const dates = order.lines.flatMap((l) => lateDeliveries(l, '9999-12-31', side).map((d) => d.date)).sort();
  return dates[0] ?? null;
}

/** The record type of an event row in a jsonb_to_recordset. */
export const EVENT_RECORD =
  'x(id uuid, order_id uuid, line_id text, type text, data jsonb, reason text, actor jsonb, document_id uuid, at timestamptz)';

/** Upserts the lines given as JSON in `param` for the order row the CTE `from` returned. */
export const LINES_FROM = (from: string, param: string): string =>
  `INSERT INTO order_lines (company_id, order_id, line_id, position, state, data)
   SELECT ${from}.company_id, ${from}.id, x.line_id, x.position, x.state, x.data
     FROM ${from}, jsonb_to_recordset(${param}::jsonb) AS x(line_id text, position int, state text, data jsonb)
   ON CONFLICT (company_id, order_id, line_id) DO UPDATE
     SET position = excluded.position, state = excluded.state, data = excluded.data`;

/** Appends the events given as JSON in `param` for the order row the CTE `from` returned. */
export const EVENTS_FROM = (from: string, param: string): string =>
  `INSERT INTO order_events (id, company_id, order_id, line_id, type, data, reason, actor, document_id, at)
   SELECT x.id, ${from}.company_id, x.order_id, x.line_id, x.type, x.data, x.reason, x.actor, x.document_id, x.at
     FROM ${from}, jsonb_to_recordset(${param}::jsonb) AS ${EVENT_RECORD}`;

/** The rows of the lines `lineIds` (with their position in the order) as JSON. */
export function linesJson(order: Order, lineIds: readonly string[]): string {
  const wanted = new Set(lineIds);
  return JSON.stringify(
    order.lines.flatMap((l, position) =>
      wanted.has(l.lineId) ? [{ line_id: l.lineId, position, state: l.state, data: l }] : [],
    ),
  );
}

/** Event rows as JSON. */
export function eventsJson(events: readonly OrderEvent[]): string {
  return JSON.stringify(
    events.map((e) => ({
      id: e.id,
      order_id: e.orderId,
      line_id: e.lineId,
      type: e.type,
      data: e.data,
      reason: e.reason,
      actor: e.actor,
      document_id: e.documentId,
      at: e.at,
    })),
  );
}
