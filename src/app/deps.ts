// What every use case gets: the store, a clock, an id source, the partner channel and the change feed.
// Shared by all capability folders; it depends on none of them (only on the ports' types).
import type { Actor } from '../domain/order-events.ts';
import type { UserRole } from '../domain/company-types.ts';
import type { TaskPolicy } from '../domain/tasks.ts';
import type { HttpTransport } from '../network/http-transport.ts';
import type { NetworkMetrics } from '../network/metrics.ts';
import type { Repositories, Store } from '../storage/store.ts';
import type { OrderChangeFeed, PartnerChannel } from './orders/ports.ts';

/** The authenticated caller: a user (web session) or an API token, always of one company. */
export interface Caller {
  companyId: string;
  role: UserRole;
  actor: Actor;
}

export interface Deps {
  store: Store;
  /** Current time; tests pin it. */
  now: () => Date;
  newId: () => string;
  partners: PartnerChannel<Deps>;
  taskPolicy: TaskPolicy;
  /** Where committed order changes are announced (live updates of open screens). */
  changes: OrderChangeFeed;
  network: NetworkDeps;
}

/** What the node-to-node network needs (see docs/network.md). */
export interface NetworkDeps {
  metrics: NetworkMetrics;
  transport: HttpTransport;
  /** How far an envelope's created-at may be from this node's clock. */
  windowMs: number;
  /** Message IDs (UUIDv7). */
  newMessageId: () => string;
  /** The URL partners reach this node at; when null, cards use the URL the request came in on. */
  publicUrl: string | null;
  /** Whether this node also acts as a directory, serving cards other nodes registered (--directory). */
  directory?: boolean;
}

/**
 * Dependencies whose store joins the open transaction `tx`, so that use cases' own "transaction" calls
 * run inside it: importing a document applies it to orders and records the document atomically.
 */
export function depsWithin(deps: Deps, tx: Repositories): Deps {
  const store: Store = {
    ...tx,
    kind: deps.store.kind,
    database: deps.store.database,
    transaction: (fn) => fn(tx),
    // The transaction's owner closes the store, never a use case running inside it.
    close: () => Promise.resolve(),
  };
  return { ...deps, store };
}
