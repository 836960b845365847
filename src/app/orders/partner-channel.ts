// The "publish" step of every order use case. Each company keeps its own order copy; after saving
// its own copy a company's change is delivered to the partner's copy through this channel. There is one
// path for every partner (network-partner-channel.ts): the change becomes a signed envelope; a partner on
// another node gets it through the outbox, a partner on this node through the same inbox checks in the
// sender's transaction (deliver-on-node.ts). The receiving half maps the envelope's document onto the
// receiver's copy and applies it with applyPartnerMessage below.
import { DomainError } from '../../domain/errors.ts';
import { applyOrderAction, type OrderAction } from '../../domain/order-actions.ts';
import { mirrorFor } from '../../domain/order-create.ts';
import type { Actor, NewOrderEvent, OrderEvent } from '../../domain/order-events.ts';
import type { Order, Role } from '../../domain/order-types.ts';
import type { Repositories } from '../../storage/store.ts';
import type { Deps } from '../deps.ts';

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

export interface PartnerChannel {
  /**
   * Delivers `message` to company `to`; runs inside the sender's transaction `tx`, with the use case's
   * own dependencies (its clock: the demo replays past steps on a clock of their own).
   */
  deliver(deps: Deps, tx: Repositories, to: string, message: PartnerMessage): Promise<void>;
}

/** Turns domain events into history rows for one copy. */
export function historyRows(
  events: NewOrderEvent[],
  orderId: string,
  meta: { actor: Actor; at: string; documentId: string | null },
  newId: () => string,
): OrderEvent[] {
  return events.map((e) => ({
    ...e,
    id: newId(),
    orderId,
    at: meta.at,
    actor: meta.actor,
    documentId: meta.documentId,
  }));
}

/** Applies a partner's change to company `to`'s copy (the receiving half of every channel). */
export async function applyPartnerMessage(
  tx: Repositories,
  to: string,
  message: PartnerMessage,
  newId: () => string,
): Promise<void> {
  const notHosted = () =>
    new DomainError('validation_failed', `partner ${to} is not hosted on this node`, { field: 'seller' });
  if (message.kind === 'order.issued') {
    // issueOrder found the seller among this node's companies; the foreign key guards the rest.
    const copy = mirrorFor(message.order, message.order.buyer.companyId === to ? 'buyer' : 'seller');
    await tx.orders.insert(copy, historyRows(message.events, copy.id, message, newId));
    return;
  }
  const copy = await tx.orders.getForUpdate(to, message.orderId);
  if (!copy) {
    // Only on this rare path is it worth a look-up to say which of the two is wrong.
    if (!(await tx.companies.get(to))) throw notHosted();
    throw new DomainError('not_found', `partner copy of order ${message.orderId} is missing`);
  }
  const result = applyOrderAction(copy, message.action, message.actorRole, message.at);
  await tx.orders.update(
    result.order,
    copy.version,
    result.changedLineIds,
    historyRows(result.events, copy.id, message, newId),
  );
}
