// Use case: resend a dead-lettered document. The outbox row goes back in the queue as it was — same
// message ID, same signed envelope — so a partner that did receive it after all deduplicates it — with a
// fresh retry budget.
import { requirePermission } from '../../domain/company-types.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { OutboxStatus } from '../../storage/outbox-repository.ts';
import type { Caller, Deps } from '../deps.ts';

/** A resent message as it stands in the queue now. */
export interface ResentMessage {
  messageId: string;
  status: OutboxStatus;
  nextAttemptAt: string;
}

/** Requeues the caller's dead message `messageId` for delivery now. */
export async function resendMessage(deps: Deps, caller: Caller, messageId: string): Promise<ResentMessage> {
  requirePermission(caller.role, 'read');
  const message = await deps.store.outbox.get(messageId);
  // Another company's message does not exist for the caller.
  if (!message || message.companyId !== caller.companyId) throw notFound('message', messageId);
  // Whoever may act on the order on the company's side may send its documents again.
  const order = await deps.store.orders.get(caller.companyId, message.conversationId);
  requirePermission(caller.role, order ? (order.role === 'buyer' ? 'buy' : 'sell') : 'admin');
  if (message.status !== 'dead')
    throw new DomainError(
      'conflict',
      `message ${messageId} is ${message.status}, only dead messages are resent`,
      {
        state: message.status,
      },
    );
  const now = deps.now().toISOString();
  await deps.store.outbox.resend(messageId, now);
  return { messageId, status: 'pending', nextAttemptAt: now };
}
