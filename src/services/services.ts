// All use cases bound to one set of dependencies: what the API and the CLI call.
import { randomUUID } from 'node:crypto';
import { DEFAULT_TASK_POLICY } from '../domain/tasks.ts';
import { httpTransport } from '../network/http-transport.ts';
import { NetworkMetrics } from '../network/metrics.ts';
import { uuidV7 } from '../network/uuid-v7.ts';
import type { Store } from '../storage/store.ts';
import { addUser } from './add-user.ts';
import { fetchPartnerCard, listRemotePartners, pinPartner } from './add-partner.ts';
import { addRemotePartner, previewRemotePartner } from './manage-partners.ts';
import { countRejectedInbound, networkMetricsText } from './network-metrics.ts';
import { directoryCard, lookupCard, registerDirectoryCard } from './directory-cards.ts';
import { participantCard } from './participant-card.ts';
import { registerAtDirectory, registerOwnCardAtDirectory } from './register-at-directory.ts';
import { listDirectoryRegistrations } from './list-directory-registrations.ts';
import { refreshDirectoryRegistrations } from './refresh-directory-registrations.ts';
import { receiveEnvelope } from './receive-envelope.ts';
import { ensureSigningKeys, rotateOwnSigningKey, rotateSigningKey } from './signing-keys.ts';
import { createApiToken, createApiTokenAs, listApiTokens, revokeApiToken } from './api-tokens.ts';
import { cancelOrder } from './cancel-order.ts';
import { changeOrder } from './change-order.ts';
import { checkDocument } from './check-document.ts';
import { getOwnCompany, listOwnUsers, listPartners } from './company-directory.ts';
import { decideInvoice } from './decide-invoice.ts';
import { decideProposals } from './decide-proposals.ts';
import { getOutboxMessage, listOrderDeliveries } from './delivery-timeline.ts';
import type { Deps, NetworkDeps } from './deps.ts';
import { exportDocumentResponse } from './export-document-response.ts';
import { exportOrderDocument } from './export-order-document.ts';
import { getDocument, getDocumentContent } from './get-document.ts';
import { getOrder } from './get-order.ts';
import { importDocument } from './import-document.ts';
import { issueOrder } from './issue-order.ts';
import { listOrderDocuments } from './list-order-documents.ts';
import { listOrders } from './list-orders.ts';
import { listTasks } from './list-tasks.ts';
import { inProcessChangeFeed, watchOrderChanges } from './order-changes.ts';
import { orderHistory } from './order-history.ts';
import { networkPartnerChannel } from './network-partner-channel.ts';
import { receiveGoods } from './receive-goods.ts';
import { registerCompany } from './register-company.ts';
import { reopenLines } from './reopen-lines.ts';
import { reportProduction } from './report-production.ts';
import { resendMessage } from './resend-message.ts';
import { respondToLines } from './respond-to-lines.ts';
import { authenticate, login, logout } from './sessions.ts';
import { shipGoods } from './ship-goods.ts';
import { submitInvoice } from './submit-invoice.ts';
import { sweepParkedInbox } from './sweep-parked-inbox.ts';

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
