// The API's wire shapes, taken from the zod schemas that the node validates and documents with. Type
// imports only: nothing of the server ends up in the browser bundle.
import type { z } from 'zod';
import type {
  ApiTokenSchema,
  CreatedTokenResponse,
  MeResponse,
  SessionStateResponse,
} from '../../api/schemas/auth-schemas.ts';
import type { CompanySchema, PartnerSchema, UserSchema } from '../../api/schemas/company-schemas.ts';
import type { DocumentSchema, ValidationResultSchema } from '../../api/schemas/document-schemas.ts';
import type {
  OrderEventSchema,
  OrderListResponse,
  OrderSummarySchema,
} from '../../api/schemas/order-schemas.ts';
import type { OrderViewSchema } from '../../api/schemas/order-view-schemas.ts';
import type { DeliverySchema, OutboxMessageSchema } from '../../api/schemas/outbox-schemas.ts';
import type { TaskSchema } from '../../api/schemas/task-schemas.ts';
import type { OrderChange } from '../../app/orders/index.ts';

export type OrderView = z.output<typeof OrderViewSchema>;
export type OrderLine = OrderView['lines'][number];
export type Terms = OrderLine['requested'];
export type ScheduleLine = Terms['schedule'][number];
export type Price = Terms['price'];
export type Invoice = OrderView['invoices'][number];
export type LineState = OrderLine['state'];
export type LineAction = OrderLine['allowedActions'][number];
export type OrderStatus = OrderView['status'];
export type OrderSummary = z.output<typeof OrderSummarySchema>;
export type OrderList = z.output<typeof OrderListResponse>;
export type OrderEvent = z.output<typeof OrderEventSchema>;
export type Task = z.output<typeof TaskSchema>;
export type TaskKind = Task['kind'];
export type Company = z.output<typeof CompanySchema>;
export type Partner = z.output<typeof PartnerSchema>;
export type User = z.output<typeof UserSchema>;
export type UserRole = User['role'];
export type Me = z.output<typeof MeResponse>;
/** GET /session: whether the browser is logged in (200 either way). */
export type SessionState = z.output<typeof SessionStateResponse>;
export type ApiToken = z.output<typeof ApiTokenSchema>;
export type CreatedToken = z.output<typeof CreatedTokenResponse>;
export type DocumentInfo = z.output<typeof DocumentSchema>;
export type ValidationFinding = DocumentInfo['findings'][number];
export type ValidationResult = z.output<typeof ValidationResultSchema>;
export type { OrderChange };
/** A message the company sent about an order, with its delivery status (GET /orders/{id}/deliveries). */
export type SentMessage = z.output<typeof DeliverySchema>;
/** The same with its delivery timeline (GET /outbox/{id}). */
export type SentMessageDetail = z.output<typeof OutboxMessageSchema>;
export type DeliveryEvent = SentMessageDetail['timeline'][number];

/** Items wrapper of list responses. */
export interface Items<T> {
  items: T[];
}
