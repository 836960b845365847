// PostgreSQL through node-postgres: the production store, chosen when DATABASE_URL is set.
import pg from 'pg';
import type { Database, Db, QueryResult } from './db.ts';

type Queryable = Pick<pg.PoolClient, 'query'>;

function wrap(c: Queryable): Db {
  const db: Db = {
    async query<T>(this: void, sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const r = await c.query(sql, params);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    transaction: (fn) => fn(db),
  };
  return db;
}

/** Connects a pool to `url`; `max` bounds the connections this node uses. */
export function openPostgres(url: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client losing its connection must not crash the node; the pool replaces it.
  pool.on('error', () => undefined);
  const base = wrap(pool);
  return {
    kind: 'postgres',
    query: (sql, params) => base.query(sql, params),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => void (await pool.query(sql)),
    close: () => pool.end(),
  };
}
