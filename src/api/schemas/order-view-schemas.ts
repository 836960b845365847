// The order as a reader sees it (OrderView): facts plus derived status, quantities, lateness and the
// actions the caller's company may take now. Handlers are type-checked against these shapes, so a domain
// change that the API does not describe fails the build instead of a request.
import { z } from 'zod';
import { LINE_TRANSITIONS, type LineAction } from '../../domain/line-lifecycle.ts';
import { ORDER_STATUSES } from '../../domain/order-status.ts';
import { LINE_STATES } from '../../domain/order-types.ts';
import { DecimalOutput, Timestamp } from './common-schemas.ts';

const LINE_ACTIONS = Object.keys(LINE_TRANSITIONS) as [LineAction, ...LineAction[]];

export const RoleSchema = z.enum(['buyer', 'seller']).describe('The caller’s side of this order copy.');
export const OrderStatusSchema = z.enum(ORDER_STATUSES);

const Price = z.object({ amount: DecimalOutput, baseQuantity: DecimalOutput });
const ScheduleLine = z.object({
  id: z.string(),
  date: z
    .string()
    .nullable()
    .describe('Null: no date requested (only in `requested`; the seller promises one).'),
  quantity: DecimalOutput,
});
const Terms = z.object({ quantity: DecimalOutput, price: Price, schedule: z.array(ScheduleLine) });

const Item = z.object({
  buyerItemId: z.string().nullable(),
  sellerItemId: z.string().nullable(),
  standardItemId: z
    .object({ scheme: z.string().nullable(), value: z.string() })
    .nullable()
    .describe('Standard item number (e.g. GTIN: scheme 0160, ISO 6523 ICD).'),
  name: z.string(),
  description: z.string().nullable(),
});

const DeliveryProgress = z.object({
  produced: DecimalOutput,
  shipped: DecimalOutput,
  received: DecimalOutput,
  rejected: DecimalOutput,
});

const OrderLineView = z.object({
  lineId: z.string(),
  state: z.enum(LINE_STATES),
  stateSince: Timestamp,
  item: Item,
  unitCode: z.string(),
  requested: Terms,
  agreed: Terms.nullable(),
  proposal: z
    .object({
      terms: Terms,
      note: z.string().nullable(),
      proposedAt: Timestamp,
      substitute: Item.optional().describe(
        'Present when the seller offers another item instead of the ordered one; accepting the proposal makes it the line’s item.',
      ),
    })
    .nullable(),
  reason: z.string().nullable(),
  progress: z.record(z.string(), DeliveryProgress).describe('Logistics facts per delivery line id.'),
  invoiced: DecimalOutput,
  note: z.string().nullable(),
  progressStatus: z.enum([
    'none',
    'in_production',
    'partially_shipped',
    'shipped',
    'partially_received',
    'received',
    'invoiced',
  ]),
  quantities: z
    .record(z.string(), DecimalOutput)
    .describe('ordered, agreed, produced, shipped, … openToShip.'),
  allowedActions: z.array(z.enum(LINE_ACTIONS)).describe('What the caller’s side may do with this line now.'),
  late: z.boolean(),
});

export const PartyInfoSchema = z.object({
  companyId: z.string(),
  name: z.string(),
  identifier: z.string().describe('Primary identifier scheme:value.'),
});

const InvoicedItem = z
  .object({
    name: z.string().nullable(),
    sellerItemId: z.string().nullable(),
    buyerItemId: z.string().nullable(),
    standardItemId: z.object({ value: z.string(), scheme: z.string().nullable() }).nullable(),
    unitCode: z.string().nullable(),
  })
  .describe('The item as the invoice states it, for a line without an order line reference (BT-132).');

const InvoiceLine = z.object({
  lineId: z
    .string()
    .nullable()
    .describe('The order line billed; null when no order line matches unambiguously.'),
  quantity: DecimalOutput.describe('Negative for a credit line.'),
  price: Price,
  amount: DecimalOutput,
  match: z.enum(['matched', 'mismatch']),
  reasons: z.array(
    z.enum([
      'price_differs',
      'quantity_exceeds_received',
      'line_not_agreed',
      'credit_exceeds_invoiced',
      'no_order_line',
      'order_line_ambiguous',
    ]),
  ),
  item: InvoicedItem.optional(),
  matchedBy: z
    .enum(['seller_item', 'standard_item', 'buyer_item'])
    .optional()
    .describe('The item number that found the order line for a line without an order line reference.'),
  candidates: z.array(z.string()).optional().describe('Order lines an ambiguous invoice line could bill.'),
});

const Invoice = z.object({
  id: z.string(),
  number: z.string(),
  issueDate: z.string(),
  lines: z.array(InvoiceLine),
  total: DecimalOutput,
  status: z.enum(['matched', 'mismatch', 'approved', 'disputed']),
  decisionReason: z.string().nullable(),
});

/** One company's copy of an order, with everything derived from it. */
export const OrderViewSchema = z
  .object({
    id: z.string(),
    companyId: z.string().describe('Owner of this copy (the caller’s company).'),
    role: RoleSchema,
    number: z.string(),
    issueDate: z.string(),
    currency: z.string(),
    buyer: PartyInfoSchema,
    seller: PartyInfoSchema,
    deliveryLocation: z
      .object({
        name: z.string().nullable(),
        identifier: z.string().nullable(),
        address: z.string().nullable(),
      })
      .nullable(),
    note: z.string().nullable(),
    version: z.number().int().describe('Increases with every change; sent as the ETag.'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    status: OrderStatusSchema,
    lines: z.array(OrderLineView),
    invoices: z.array(Invoice),
  })
  .meta({
    id: 'OrderView',
    description: 'One company’s copy of an order with derived status, quantities and allowed actions.',
  });
