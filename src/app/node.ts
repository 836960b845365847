// All use cases bound to one set of dependencies: what the API and the CLI call.
import { randomUUID } from 'node:crypto';
import { DEFAULT_TASK_POLICY } from '../domain/tasks.ts';
import { httpTransport } from '../network/http-transport.ts';
import { NetworkMetrics } from '../network/metrics.ts';
import { uuidV7 } from '../network/uuid-v7.ts';
import type { Store } from '../storage/store.ts';
import { addUser } from './accounts/add-user.ts';
import { fetchPartnerCard, listRemotePartners, pinPartner } from './partners/add-partner.ts';
import { addRemotePartner, previewRemotePartner } from './partners/manage-partners.ts';
import { countRejectedInbound, networkMetricsText } from './exchange/network-metrics.ts';
import { directoryCard, lookupCard, registerDirectoryCard } from './partners/directory-cards.ts';
import { participantCard } from './partners/participant-card.ts';
import { registerAtDirectory, registerOwnCardAtDirectory } from './partners/register-at-directory.ts';
import { listDirectoryRegistrations } from './partners/list-directory-registrations.ts';
import { refreshDirectoryRegistrations } from './partners/refresh-directory-registrations.ts';
import { receiveEnvelope } from './exchange/receive-envelope.ts';
import { ensureSigningKeys, rotateOwnSigningKey, rotateSigningKey } from './partners/signing-keys.ts';
import { createApiToken, createApiTokenAs, listApiTokens, revokeApiToken } from './accounts/api-tokens.ts';
import { cancelOrder } from './orders/cancel-order.ts';
import { changeOrder } from './orders/change-order.ts';
import { checkDocument } from './documents/check-document.ts';
import { getOwnCompany, listOwnUsers, listPartners } from './partners/company-directory.ts';
import { decideInvoice } from './orders/decide-invoice.ts';
import { decideProposals } from './orders/decide-proposals.ts';
import { getOutboxMessage, listOrderDeliveries } from './exchange/delivery-timeline.ts';
import type { Deps, NetworkDeps } from './deps.ts';
import { exportDocumentResponse } from './documents/export-document-response.ts';
import { exportOrderDocument } from './documents/export-order-document.ts';
import { getDocument, getDocumentContent } from './documents/get-document.ts';
import { getOrder } from './orders/get-order.ts';
import { importDocument } from './documents/import-document.ts';
import { issueOrder } from './orders/issue-order.ts';
import { listOrderDocuments } from './documents/list-order-documents.ts';
import { listOrders } from './orders/list-orders.ts';
import { listTasks } from './orders/list-tasks.ts';
import { inProcessChangeFeed, watchOrderChanges } from './orders/order-changes.ts';
import { orderHistory } from './orders/order-history.ts';
import { networkPartnerChannel } from './exchange/network-partner-channel.ts';
import { receiveGoods } from './orders/receive-goods.ts';
import { registerCompany } from './accounts/register-company.ts';
import { reopenLines } from './orders/reopen-lines.ts';
import { reportProduction } from './orders/report-production.ts';
import { resendMessage } from './exchange/resend-message.ts';
import { respondToLines } from './orders/respond-to-lines.ts';
import { authenticate, login, logout } from './accounts/sessions.ts';
import { shipGoods } from './orders/ship-goods.ts';
import { submitInvoice } from './orders/submit-invoice.ts';
import { sweepParkedInbox } from './exchange/sweep-parked-inbox.ts';

const useCases = {
  addUser,
  addRemotePartner,
  countRejectedInbound,
  ensureSigningKeys,
  fetchPartnerCard,
  listRemotePartners,
  networkMetricsText,
  participantCard,
  directoryCard,
  lookupCard,
  registerDirectoryCard,
  registerAtDirectory,
  registerOwnCardAtDirectory,
  listDirectoryRegistrations,
  refreshDirectoryRegistrations,
  pinPartner,
  previewRemotePartner,
  receiveEnvelope,
  rotateOwnSigningKey,
  rotateSigningKey,
  authenticate,
  cancelOrder,
  changeOrder,
  checkDocument,
  createApiToken,
  createApiTokenAs,
  decideInvoice,
  decideProposals,
  exportDocumentResponse,
  exportOrderDocument,
  getDocument,
  getDocumentContent,
  getOrder,
  getOutboxMessage,
  getOwnCompany,
  importDocument,
  issueOrder,
  listApiTokens,
  listOrderDeliveries,
  listOrderDocuments,
  listOrders,
  listOwnUsers,
  listPartners,
  listTasks,
  login,
  logout,
  orderHistory,
  receiveGoods,
  resendMessage,
  registerCompany,
  reopenLines,
  reportProduction,
  respondToLines,
  revokeApiToken,
  shipGoods,
  submitInvoice,
  sweepParkedInbox,
  watchOrderChanges,
};

type Bound<F> = F extends (deps: Deps, ...args: infer A) => infer R ? (...args: A) => R : never;
export type Services = { [K in keyof typeof useCases]: Bound<(typeof useCases)[K]> } & { deps: Deps };

/** Default network settings: real HTTP, ±5 minutes clock window, UUIDv7 message ids. */
export function defaultNetworkDeps(now: () => Date): NetworkDeps {
  return {
    metrics: new NetworkMetrics(),
    transport: httpTransport(),
    windowMs: 5 * 60_000,
    newMessageId: () => uuidV7(now()),
    publicUrl: null,
    directory: false,
  };
}

/**
 * Default dependencies: real clock, random UUIDs; every partner gets changes as signed envelopes (partners
 * on this node at once, through the inbox; partners on other nodes through the outbox worker).
 */
export function defaultDeps(store: Store, overrides: Partial<Deps> = {}): Deps {
  const newId = overrides.newId ?? randomUUID;
  const now = overrides.now ?? (() => new Date());
  return {
    store,
    now,
    newId,
    partners: networkPartnerChannel(),
    taskPolicy: DEFAULT_TASK_POLICY,
    changes: inProcessChangeFeed(),
    network: defaultNetworkDeps(now),
    ...overrides,
  };
}

/** Binds every use case to `deps`. */
export function createServices(deps: Deps): Services {
  const bound = Object.fromEntries(
    Object.entries(useCases).map(([name, fn]) => [
      name,
      (...args: unknown[]) => (fn as (d: Deps, ...a: unknown[]) => unknown)(deps, ...args),
    ]),
  );
  return { ...(bound as Omit<Services, 'deps'>), deps };
}
