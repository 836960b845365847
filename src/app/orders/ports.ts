// The two ports the order use cases publish through, implemented elsewhere and wired in app/node.ts:
// - PartnerChannel: after a company saved its own copy of an order, the change goes to the partner's
//   copy (app/exchange implements it with signed envelopes, on this node and between nodes);
// - OrderChangeFeed: after commit, open screens of both companies hear that the order changed.
// Both are types only, so that nothing here depends on the wiring. The channel takes the use case's
// context as a type parameter (the wiring passes its Deps): the demo replays past steps on a clock of
// their own, and the channel must send with the clock of the use case that made the change.
import type { OrderAction } from '../../domain/order-actions.ts';
import type { Actor, NewOrderEvent } from '../../domain/order-events.ts';
import type { Order, Role } from '../../domain/order-types.ts';
import type { Repositories } from '../../storage/store.ts';

/** A change of one company's copy that the partner's copy must follow. */
export type PartnerMessage =
  | {
      kind: 'order.issued';
      order: Order;
      events: NewOrderEvent[];
      actor: Actor;
      at: string;
      documentId: string | null;
    }
  | {
      kind: 'order.action';
      orderId: string;
      /** The acting company (whose copy changed first). */
      from: string;
      action: OrderAction;
      actorRole: Role;
      actor: Actor;
      at: string;
      documentId: string | null;
    };

/**
 * A document from the company's own system that changes no order but must reach the partner as it is,
 * in the conversation of the order it concerns: a Message Level Response answering the partner's document.
 */
export interface ForwardedDocument {
  kind: 'document.forwarded';
  orderId: string;
  from: string;
  documentType: string;
  /** The stored document whose bytes travel. */
  documentId: string;
  at: string;
}

export interface PartnerChannel<Context> {
  /**
   * Delivers `message` to company `to`; runs inside the sender's transaction `tx`, with the use case's
   * own context (its clock).
   */
  deliver(
    context: Context,
    tx: Repositories,
    to: string,
    message: PartnerMessage | ForwardedDocument,
  ): Promise<void>;
}

/** One committed change of an order, as both companies' listeners receive it. */
export interface OrderChange {
  orderId: string;
  orderNumber: string;
  /** What was done: 'issue' or an order action type such as 'respond', 'decide', 'ship', 'invoice'. */
  action: string;
  /** The company whose user or API token made the change. */
  byCompanyId: string;
  at: string;
}

export type OrderChangeListener = (change: OrderChange) => void;

export interface OrderChangeFeed {
  /** Tells the listeners of each company; never throws (the change is already committed). */
  publish(companyIds: readonly string[], change: OrderChange): void;
  /** Listens to the changes of one company's orders; returns the unsubscribe function. */
  subscribe(companyId: string, listener: OrderChangeListener): () => void;
  /** Listens to every company's changes (the node's outbox worker wakes on them); returns unsubscribe. */
  subscribeAll(listener: OrderChangeListener): () => void;
}
