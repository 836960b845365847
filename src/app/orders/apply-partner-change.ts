// The receiving half of the partner channel (orders/ports.ts): a partner's change, mapped from the
// document it sent (app/exchange), applied to this company's own copy with the same domain rules the
// sender applied to its copy, so that both copies agree. historyRows is shared with the sending use cases.
import { DomainError } from '../../domain/errors.ts';
import { applyOrderAction } from '../../domain/order-actions.ts';
import { mirrorFor } from '../../domain/order-create.ts';
import type { Actor, NewOrderEvent, OrderEvent } from '../../domain/order-events.ts';
import type { Repositories } from '../../storage/store.ts';
import type { PartnerMessage } from './ports.ts';

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
