// The store: repositories over one database, and transactions that give repositories over the
// transaction's connection. Services see only this interface.
import type { Database, Db } from './db.ts';
import { CardRegistrationsRepository } from './card-registrations-repository.ts';
import { CompaniesRepository } from './companies-repository.ts';
import { DirectoryRepository } from './directory-repository.ts';
import { DocumentsRepository } from './documents-repository.ts';
import { InboxRepository } from './inbox-repository.ts';
import { migrate } from './migrate.ts';
import { OrdersRepository } from './orders-repository.ts';
import { OutboxRepository } from './outbox-repository.ts';
import { PartnersRepository } from './partners-repository.ts';
import { openPglite } from './pglite-database.ts';
import { openPostgres } from './postgres-database.ts';
import { UsersRepository } from './users-repository.ts';

export interface Repositories {
  companies: CompaniesRepository;
  users: UsersRepository;
  orders: OrdersRepository;
  documents: DocumentsRepository;
  partners: PartnersRepository;
  outbox: OutboxRepository;
  inbox: InboxRepository;
  directory: DirectoryRepository;
  /** Where this node's companies registered their cards (at directory nodes). */
  cardRegistrations: CardRegistrationsRepository;
}

export interface Store extends Repositories {
  readonly kind: Database['kind'];
  /** Runs `fn` atomically; repositories passed in use the transaction. */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** The raw database, for tests and benchmarks. */
  readonly database: Database;
}

const repositories = (db: Db, inTransaction = false): Repositories => ({
  companies: new CompaniesRepository(db, { memo: inTransaction }),
  users: new UsersRepository(db),
  orders: new OrdersRepository(db),
  documents: new DocumentsRepository(db),
  partners: new PartnersRepository(db, { memo: inTransaction }),
  outbox: new OutboxRepository(db),
  inbox: new InboxRepository(db),
  directory: new DirectoryRepository(db),
  cardRegistrations: new CardRegistrationsRepository(db),
});

export interface StoreOptions {
  /** PostgreSQL connection URL; when absent the embedded PGlite store is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; undefined means in-memory (tests). */
  dataDir?: string | undefined;
}

/** Opens the configured database and applies pending migrations. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const database = options.databaseUrl
    ? openPostgres(options.databaseUrl)
    : await openPglite(options.dataDir);
  try {
    await migrate(database);
  } catch (e) {
    await database.close();
    throw e;
  }
  return {
    kind: database.kind,
    database,
    ...repositories(database),
    transaction: (fn) => database.transaction((tx) => fn(repositories(tx, true))),
    close: () => database.close(),
  };
}
