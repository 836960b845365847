// What every use case gets: the store, a clock, an id source and the partner channel.
import type { Actor } from '../domain/order-events.ts';
import type { UserRole } from '../domain/company-types.ts';
import type { TaskPolicy } from '../domain/tasks.ts';
import type { HttpTransport } from '../network/http-transport.ts';
import type { NetworkMetrics } from '../network/metrics.ts';
import type { Store } from '../storage/store.ts';
import type { OrderChangeFeed } from './orders/order-changes.ts';
import type { PartnerChannel } from './orders/partner-channel.ts';

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
  partners: PartnerChannel;
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
