// A running Schakel node: store + use cases + HTTP API on one port. Used by `schakel start` and
// `schakel demo`, and directly by end-to-end tests and benchmarks:
//
//   const node = await startNode({ port: 0 });          // in-memory PGlite, a free port
//   await fetch(`${node.url}/healthz`);
//   await node.close();
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { buildApp } from '../api/app.ts';
import { OutboxWorker, type OutboxWorkerOptions } from '../network/outbox-worker.ts';
import { PeriodicRunner } from '../network/periodic-runner.ts';
import type { RefreshOptions } from '../app/partners/index.ts';
import type { Services } from '../app/node.ts';
import { recordLockUrl } from './data-lock.ts';
import { openServices, type OpenedServices, type OpenServicesOptions } from './open-services.ts';
import { reservePort } from './port-reservation.ts';

export interface StartNodeOptions extends Pick<OpenServicesOptions, 'dataDir' | 'databaseUrl' | 'deps'> {
  /** TCP port; 0 (the default) picks a free one — read it from the result. */
  port?: number | undefined;
  /** Interface to listen on; default 127.0.0.1 (this machine only). Use 0.0.0.0 to serve the network. */
  host?: string | undefined;
  /** Log every request (Fastify's JSON logger). */
  logger?: boolean | undefined;
  /** Runs after the store opened and before the port opens, e.g. to seed data. */
  prepare?: ((services: Services) => Promise<void>) | undefined;
  /** Recorded in the data directory's lock file. */
  command?: string | undefined;
  /** How often the outbox worker looks for envelopes to deliver; 0 leaves it to `outbox.drain()`. */
  deliveryIntervalMs?: number | undefined;
  /** Also act as a directory: serve the cards other nodes register here (docs/network.md). */
  directory?: boolean | undefined;
  /** Outbox worker settings (backoff, dead-letter age, circuit breaker) for tests and tuning. */
  outbox?: Omit<OutboxWorkerOptions, 'store' | 'transport' | 'metrics'> | undefined;
  /**
   * How often the node looks for directory registrations to refresh after a key rotation (default 5 s);
   * 0 leaves it to `directoryRefresher.runOnce()`.
   */
  directoryRefreshIntervalMs?: number | undefined;
  /** Directory refresh settings (backoff, batch) for tests and tuning. */
  directoryRefresh?: RefreshOptions | undefined;
  /**
   * How often the node applies inbox envelopes left parked after a stop between a gap filling and their
   * turn (default 10 s; at start too); 0 leaves it to `parkedSweeper.runOnce()`.
   */
  parkedSweepIntervalMs?: number | undefined;
}

export interface RunningNode {
  /** Base URL to call, e.g. http://127.0.0.1:4800. */
  url: string;
  port: number;
  host: string;
  /** Where the data lives, without credentials. */
  storage: string;
  /** The node's use cases, for tests and seeding in the same process. */
  services: Services;
  /** The delivery worker of this node's outbox. */
  outbox: OutboxWorker;
  /** Registers companies' new cards at their directories after a key rotation. */
  directoryRefresher: PeriodicRunner;
  /** Applies inbox envelopes left parked by a stop at the wrong moment (sweep-parked-inbox.ts). */
  parkedSweeper: PeriodicRunner;
  /** Stops accepting requests, finishes running ones, closes the store. Safe to call twice. */
  close(): Promise<void>;
}

const ALL_INTERFACES = new Set(['0.0.0.0', '::', '']);

/** The URL a person on this machine would open for a listening address. */
function urlFor(host: string, port: number): string {
  if (ALL_INTERFACES.has(host)) return `http://127.0.0.1:${port}`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Opens the store, builds the API and listens; the node runs until `close()`. */
export async function startNode(options: StartNodeOptions = {}): Promise<RunningNode> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  // A port in use fails the start at once, before the data directory is locked or the store opened.
  const reserved = port === 0 ? null : await reservePort(port, host);
  let opened: OpenedServices;
  try {
    opened = await openServices({
      dataDir: options.dataDir,
      databaseUrl: options.databaseUrl,
      deps: options.deps,
      command: options.command ?? 'start',
    });
  } catch (e) {
    await reserved?.release();
    throw e;
  }
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  if (options.directory) opened.services.deps.network.directory = true;
  try {
    await options.prepare?.(opened.services);
    // Companies registered before the network existed get their signing key now.
    await opened.services.ensureSigningKeys();
    // PGlite is held by this process alone (data-lock.ts): a lease found now was left by a process that
    // died while delivering, and no one else will deliver those messages, so they are due at once. On
    // PostgreSQL a lease may be another running node's: it stands until it ends.
    if (opened.services.deps.store.kind === 'pglite') await opened.services.deps.store.outbox.releaseLeases();
    app = await buildApp(opened.services, { logger: options.logger ?? false });
    await reserved?.release();
    await app.listen({ port, host });
    const listening = (app.server.address() as AddressInfo).port;
    // `schakel partner add` on the same data directory finds the running node's API here.
    if (options.dataDir && !options.databaseUrl)
      recordLockUrl(resolve(options.dataDir), urlFor(host, listening));
    const server = app;
    const { deps } = opened.services;
    const outbox = new OutboxWorker({
      ...options.outbox,
      store: deps.store,
      transport: deps.network.transport,
      metrics: deps.network.metrics,
      now: options.outbox?.now ?? deps.now,
    });
    const interval = options.deliveryIntervalMs ?? 500;
    if (interval > 0) outbox.start(interval);
    // A committed order change may have written an envelope: deliver it now, not at the next poll.
    const unsubscribe = deps.changes.subscribeAll(() => outbox.wake());
    // After a key rotation (marked in its transaction, also by the CLI while the node was down).
    const directoryRefresher = new PeriodicRunner(() =>
      opened.services.refreshDirectoryRegistrations(options.directoryRefresh),
    );
    const refreshInterval = options.directoryRefreshIntervalMs ?? 5_000;
    if (refreshInterval > 0) directoryRefresher.start(refreshInterval);
    const parkedSweeper = new PeriodicRunner(() => opened.services.sweepParkedInbox());
    const sweepInterval = options.parkedSweepIntervalMs ?? 10_000;
    if (sweepInterval > 0) parkedSweeper.start(sweepInterval);
    let closing: Promise<void> | null = null;
    return {
      url: urlFor(host, listening),
      port: listening,
      host,
      storage: opened.storage,
      services: opened.services,
      outbox,
      directoryRefresher,
      parkedSweeper,
      close: () =>
        (closing ??= Promise.resolve(unsubscribe())
          .then(() => Promise.all([outbox.stop(), directoryRefresher.stop(), parkedSweeper.stop()]))
          .then(() => server.close())
          .finally(() => opened.close())),
    };
  } catch (e) {
    await reserved?.release();
    await app?.close().catch(() => undefined);
    await opened.close();
    throw e;
  }
}
