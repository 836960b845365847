// Use case: the caller's task list — what needs its attention now.
import { requirePermission } from '../../domain/company-types.ts';
import {
  sortTasks,
  tasksForDeadLetters,
  tasksForOrder,
  tasksForRejectedMessages,
  tasksForStaleDirectoryCards,
  type DeadLetter,
  type RejectedMessage,
  type StaleDirectoryCard,
  type Task,
} from '../../domain/tasks.ts';
import type { OutboxMessage } from '../../storage/outbox-repository.ts';
import type { Caller, Deps } from '../deps.ts';
import { registrationsOf } from '../partners/index.ts';

/** What every task about a sent message names: the message, its order (the conversation) and partner. */
async function aboutMessage(deps: Deps, companyId: string, m: OutboxMessage) {
  // The conversation of an order's messages is the sender's own order copy.
  const order = await deps.store.orders.get(companyId, m.conversationId);
  const peer = await deps.store.companies.get(m.peerCompanyId);
  return {
    messageId: m.id,
    documentType: m.documentType,
    orderId: m.conversationId,
    orderNumber: order?.number ?? '',
    partner: peer?.name ?? m.peerCompanyId,
  };
}

/** The caller's dead-lettered outbox messages, with the order (the conversation) and partner named. */
async function deadLetters(deps: Deps, companyId: string): Promise<DeadLetter[]> {
  const dead = await deps.store.outbox.deadByCompany(companyId);
  return Promise.all(
    dead.map(async (m) => {
      return {
        ...(await aboutMessage(deps, companyId, m)),
        lastError: m.lastError,
        since: m.createdAt,
      };
    }),
  );
}

/** The caller's sent messages its partners rejected with a Message Level Response. */
async function rejectedMessages(deps: Deps, companyId: string): Promise<RejectedMessage[]> {
  const rejected = await deps.store.outbox.rejectedByCompany(companyId);
  return Promise.all(
    rejected.map(async (m) => {
      return {
        ...(await aboutMessage(deps, companyId, m)),
        reason: m.partnerResponse?.description ?? null,
        since: m.partnerResponse?.at ?? m.createdAt,
      };
    }),
  );
}

/** The caller's cards at directories that a key rotation left out of date. */
async function staleDirectoryCards(deps: Deps, companyId: string): Promise<StaleDirectoryCard[]> {
  return (await registrationsOf(deps, companyId)).flatMap((r) =>
    r.status === 'current'
      ? []
      : [
          {
            directoryUrl: r.directoryUrl,
            since: r.refreshRequestedAt ?? r.updatedAt,
            lastError: r.lastError,
            refused: r.status === 'refresh_refused',
            refreshBefore: r.refreshBefore,
          },
        ],
  );
}

/**
 * Tasks across the caller's open orders, its undelivered or rejected documents and its out-of-date
 * directory cards, most urgent first.
 */
export async function listTasks(deps: Deps, caller: Caller): Promise<Task[]> {
  requirePermission(caller.role, 'read');
  const now = deps.now().toISOString();
  const orders = await deps.store.orders.listOpen(caller.companyId);
  const letters = await deadLetters(deps, caller.companyId);
  const rejected = await rejectedMessages(deps, caller.companyId);
  const cards = await staleDirectoryCards(deps, caller.companyId);
  return sortTasks([
    ...orders.flatMap((o) => tasksForOrder(o, now, deps.taskPolicy)),
    ...tasksForDeadLetters(letters),
    ...tasksForRejectedMessages(rejected),
    ...tasksForStaleDirectoryCards(cards, now),
  ]);
}
