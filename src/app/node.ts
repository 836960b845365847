// The wiring: every capability's use cases bound to one set of dependencies (the store, the clock, the
// partner channel of app/exchange, the in-process change feed): what the API, the CLI and the demo call.
import { randomUUID } from 'node:crypto';
import { DEFAULT_TASK_POLICY } from '../domain/tasks.ts';
import { httpTransport } from '../network/http-transport.ts';
import { NetworkMetrics } from '../network/metrics.ts';
import { uuidV7 } from '../network/uuid-v7.ts';
import type { Store } from '../storage/store.ts';
import {
  addUser,
  authenticate,
  createApiToken,
  createApiTokenAs,
  getOwnCompany,
  listApiTokens,
  listOwnUsers,
  login,
  logout,
  registerCompany,
  revokeApiToken,
} from './accounts/index.ts';
import type { Deps, NetworkDeps } from './deps.ts';
import {
  checkDocument,
  exportDocumentResponse,
  exportOrderDocument,
  getDocument,
  getDocumentContent,
  importDocument,
  listOrderDocuments,
} from './documents/index.ts';
import {
  countRejectedInbound,
  getOutboxMessage,
  listOrderDeliveries,
  networkMetricsText,
  networkPartnerChannel,
  receiveEnvelope,
  resendMessage,
  sweepParkedInbox,
} from './exchange/index.ts';
import {
  cancelOrder,
  changeOrder,
  decideInvoice,
  decideProposals,
  getOrder,
  inProcessChangeFeed,
  issueOrder,
  listOrders,
  listTasks,
  orderHistory,
  receiveGoods,
  reopenLines,
  reportProduction,
  respondToLines,
  shipGoods,
  submitInvoice,
  watchOrderChanges,
} from './orders/index.ts';
import {
  addRemotePartner,
  directoryCard,
  ensureSigningKeys,
  fetchPartnerCard,
  listDirectoryRegistrations,
  listPartners,
  listRemotePartners,
  lookupCard,
  participantCard,
  pinPartner,
  previewRemotePartner,
  refreshDirectoryRegistrations,
  registerAtDirectory,
  registerDirectoryCard,
  registerOwnCardAtDirectory,
  rotateOwnSigningKey,
  rotateSigningKey,
} from './partners/index.ts';

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
