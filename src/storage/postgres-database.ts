// PostgreSQL through node-postgres: the production store, chosen when DATABASE_URL is set.
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database, Db, QueryResult } from './db.ts';

type Queryable = Pick<pg.PoolClient, 'query'>;

const names = new Map<string, string>();

/**
 * Every statement runs as a prepared statement named after its text: each connection parses and plans
 * it once, not on every call (an order issued on one node runs some fifteen of them, the same fifteen
 * every time, so planning was a good part of the server's work). The texts are the repositories' own,
 * a bounded set. (Behind a pooler in transaction mode this needs one that tracks prepared statements,
 * as PgBouncer does from 1.21.)
 */
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `s${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    names.set(sql, name);
  }
  return name;
}

/**
 * A Db over a pool or one client. On a client (a transaction) queries run one after the other even when
 * callers start several at once (`Promise.all` over repositories): a connection runs one query at a
 * time, and node-postgres stops queueing them for the caller in its next major version.
 */
function wrap(c: Queryable, serial: boolean): Db {
  let last: Promise<unknown> = Promise.resolve();
  const run = async <T>(sql: string, params: unknown[]): Promise<QueryResult<T>> => {
    const r = await c.query({ name: statementName(sql), text: sql, values: params });
    return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
  };
  const db: Db = {
    query<T>(this: void, sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      if (!serial) return run<T>(sql, params);
      const next = last.then(
        () => run<T>(sql, params),
        () => run<T>(sql, params),
      );
      last = next.catch(() => undefined);
      return next;
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
  const base = wrap(pool, false);
  return {
    kind: 'postgres',
    query: (sql, params) => base.query(sql, params),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client, true));
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
