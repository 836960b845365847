// Orders: issuing, listing and history.
import { z } from 'zod';
import { ORDER_STATUSES } from '../../domain/order-status.ts';
import { DateString, listOf, OptionalText, Timestamp, Uuid } from './common-schemas.ts';
import { OrderStatusSchema, RoleSchema } from './order-view-schemas.ts';
import { NewLineInput } from './terms-schemas.ts';

/** Body of POST /orders: the buyer's purchase order. */
export const IssueOrderBody = z.strictObject({
  seller: z.string().describe('The seller’s identifier scheme:value, e.g. 0088:8712345678906 (GLN).'),
  number: z.string().describe('The buyer’s order number, unique per buyer (at most 50 characters).'),
  issueDate: z.iso.date(),
  currency: z.string().describe('ISO 4217 currency code, e.g. EUR.'),
  deliveryLocation: z
    .strictObject({ name: OptionalText, identifier: OptionalText, address: OptionalText })
    .nullish(),
  note: OptionalText,
  lines: z.array(NewLineInput),
});

const ROLE_ALIASES = { buyer: 'buyer', seller: 'seller', purchase: 'buyer', sales: 'seller' } as const;

const statusList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()))
  .pipe(z.array(z.enum(ORDER_STATUSES)))
  .describe(`Comma-separated statuses: ${ORDER_STATUSES.join(', ')}.`);

/** Query of GET /orders. Unknown parameters are refused so that a typo never silently widens a list. */
export const ListOrdersQuery = z.strictObject({
  role: z
    .enum(['buyer', 'seller', 'purchase', 'sales'])
    .transform((r) => ROLE_ALIASES[r])
    .optional()
    .describe('buyer (= purchase orders) or seller (= sales orders); default both.'),
  status: statusList.optional(),
  partner: Uuid.optional().describe('Company id of the partner.'),
  from: DateString.optional().describe('Issue date on or after.'),
  to: DateString.optional().describe('Issue date on or before.'),
  late: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: only orders with an agreed delivery date that has passed and is still open.'),
  q: z.string().max(100).optional().describe('Searches order number and partner name.'),
  limit: z.coerce.number().int().min(1).max(500).optional().describe('Page size, 1–500; default 50.'),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page.'),
});

export const OrderSummarySchema = z
  .object({
    id: z.string(),
    role: RoleSchema,
    number: z.string(),
    issueDate: z.string(),
    currency: z.string(),
    status: OrderStatusSchema,
    partner: z.object({ companyId: z.string(), name: z.string() }),
    nextDueDate: z
      .string()
      .nullable()
      .describe('Earliest agreed delivery date still open on the caller’s side.'),
    late: z.boolean(),
    lineCount: z.number().int(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'OrderSummary' });

/** A page of orders, newest first. */
export const OrderListResponse = z
  .object({
    items: z.array(OrderSummarySchema),
    nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page.'),
    counts: z
      .record(z.string(), z.number().int())
      .describe('Number of orders per status for the same role, regardless of the other filters.'),
  })
  .describe('A page of orders, newest first.');

export const HistoryQuery = z.strictObject({
  lineId: z.string().max(35).optional().describe('Only the events of this line.'),
});

const EVENT_TYPES = [
  'order.issued',
  'line.accepted',
  'line.rejected',
  'line.proposed',
  'proposal.accepted',
  'proposal.rejected',
  'line.added',
  'line.changed',
  'line.cancelled',
  'line.reopened',
  'order.cancelled',
  'production.reported',
  'goods.shipped',
  'goods.received',
  'invoice.received',
  'invoice.approved',
  'invoice.disputed',
] as const;

export const OrderEventSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    type: z.enum(EVENT_TYPES),
    lineId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).describe('What changed, e.g. the old and new state or terms.'),
    reason: z.string().nullable(),
    at: Timestamp,
    actor: z.object({
      companyId: z.string(),
      companyName: z.string(),
      userId: z.string().nullable(),
      tokenId: z.string().nullable(),
      name: z.string(),
    }),
    documentId: z.string().nullable(),
  })
  .meta({ id: 'OrderEvent' });

/** The history of an order, oldest first. */
export const OrderHistoryResponse = listOf(OrderEventSchema).describe('Events, oldest first.');
