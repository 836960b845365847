// Embedded PostgreSQL (WASM) in a data directory: the default store, needs nothing but Node.
import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, Db, QueryResult } from './db.ts';

function wrap(q: Pick<PGlite, 'query'> | Transaction): Db {
  const db: Db = {
    async query<T>(this: void, sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const r = await q.query<T>(sql, params);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    // Already inside a transaction: join it.
    transaction: (fn) => fn(db),
  };
  return db;
}

/** Opens (creating if needed) a PGlite database; `dataDir` undefined means in-memory. */
export async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir ? { dataDir } : {});
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: (sql, params) => base.query(sql, params),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    exec: async (sql) => void (await pg.exec(sql)),
    close: () => pg.close(),
  };
}
