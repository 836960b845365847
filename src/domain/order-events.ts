// History: every change to an order copy is an append-only event. The domain says what changed;
// the service adds who, when and from which document.
export type OrderEventType =
  | 'order.issued'
  | 'line.accepted'
  | 'line.rejected'
  | 'line.proposed'
  | 'proposal.accepted'
  | 'proposal.rejected'
  | 'line.added'
  | 'line.changed'
  | 'line.cancelled'
  | 'line.reopened'
  | 'order.cancelled'
  | 'production.reported'
  | 'goods.shipped'
  | 'goods.received'
  | 'invoice.received'
  | 'invoice.approved'
  | 'invoice.disputed';

/** What the domain records; `before`/`after` hold the changed values (e.g. old and new state). */
export interface NewOrderEvent {
  type: OrderEventType;
  lineId: string | null;
  data: Record<string, unknown>;
  reason: string | null;
}

export interface Actor {
  companyId: string;
  companyName: string;
  /** A user id or an API token id. */
  userId: string | null;
  tokenId: string | null;
  /** Display name, e.g. "Anna de Vries" or "token ERP-koppeling". */
  name: string;
}

export interface OrderEvent extends NewOrderEvent {
  id: string;
  orderId: string;
  at: string;
  actor: Actor;
  documentId: string | null;
}
