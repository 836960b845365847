// Opening a node's store and binding the use cases to it: shared by `start`, `demo` and every short
// command. PostgreSQL when a database URL is given, otherwise embedded PGlite in a data directory
// (locked to this process) or, without a directory, in memory.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Deps } from '../app/deps.ts';
import { createServices, defaultDeps, type Services } from '../app/node.ts';
import { openStore } from '../storage/store.ts';
import { CliError } from './cli-errors.ts';
import { lockDataDir } from './data-lock.ts';

export interface OpenServicesOptions {
  /** PGlite data directory; ignored when `databaseUrl` is set; undefined (and no URL) means in memory. */
  dataDir?: string | undefined;
  /** PostgreSQL connection URL (DATABASE_URL). */
  databaseUrl?: string | undefined;
  /** Overrides of the default dependencies (a pinned clock in tests). */
  deps?: Partial<Omit<Deps, 'store'>> | undefined;
  /** What the process does, recorded in the data directory's lock file. */
  command?: string | undefined;
  /** Refuse a PGlite directory that holds no database yet instead of creating one. */
  mustExist?: boolean | undefined;
}

export interface OpenedServices {
  services: Services;
  /** Where the data lives, without credentials, e.g. "PGlite in /srv/schakel/data". */
  storage: string;
  close(): Promise<void>;
}

/** Describes a PostgreSQL URL without user name or password. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL at ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}

/** Opens the store (applying migrations) and the services over it. */
export async function openServices(options: OpenServicesOptions): Promise<OpenedServices> {
  const databaseUrl = options.databaseUrl || undefined;
  const dataDir = databaseUrl || !options.dataDir ? undefined : resolve(options.dataDir);
  if (dataDir && options.mustExist && !existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new CliError(
      `there is no Schakel database in ${dataDir}; create one with "schakel company add" or "schakel start", ` +
        'pass --data with the directory of an existing node, or set DATABASE_URL',
    );
  }
  const release = dataDir ? lockDataDir(dataDir, options.command ?? 'cli') : () => undefined;
  try {
    const store = await openStore({ databaseUrl, dataDir });
    const services = createServices(defaultDeps(store, options.deps));
    // Every change to a partner is signed, also between companies on one node: a company registered
    // before the network existed gets its key here, whichever command opens the store first.
    await services.ensureSigningKeys().catch(async (e: unknown) => {
      await store.close();
      throw e;
    });
    let closing: Promise<void> | null = null;
    return {
      services,
      storage: databaseUrl
        ? redactDatabaseUrl(databaseUrl)
        : dataDir
          ? `PGlite in ${dataDir}`
          : 'PGlite in memory',
      close: () => (closing ??= store.close().finally(release)),
    };
  } catch (e) {
    release();
    throw e;
  }
}
