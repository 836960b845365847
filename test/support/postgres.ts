// PostgreSQL for tests: each suite gets its own fresh schema (schakel_test_<random>) in the database
// named by TEST_DATABASE_URL, reached through a connection string whose search_path points at it, and
// dropped afterwards. Suites running in parallel therefore never see each other's tables.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL to test against, e.g. postgres://postgres@127.0.0.1:5432/test; undefined skips those suites. */
export const TEST_DATABASE_URL: string | undefined = process.env.TEST_DATABASE_URL || undefined;

export const POSTGRES_SKIP_REASON =
  'TEST_DATABASE_URL is not set: the PostgreSQL runs of this suite are skipped. ' +
  'Set it (e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test) or use .ci/run to include them.';

/** Prints why PostgreSQL suites are skipped (once per file that asks). */
export function warnPostgresSkipped(what: string): void {
  if (!TEST_DATABASE_URL) console.warn(`[${what}] ${POSTGRES_SKIP_REASON}`);
}

export interface TestSchema {
  /** Schema name, schakel_test_<random hex>. */
  name: string;
  /** TEST_DATABASE_URL with `options=-c search_path=<name>`: everything created through it lands in the schema. */
  url: string;
  /** Drops the schema with everything in it. */
  drop(): Promise<void>;
}

/** `url` with extra `-c name=value` server settings appended to its `options` parameter. */
export function withSettings(url: string, settings: Record<string, string>): string {
  const u = new URL(url);
  const extra = Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`);
  u.searchParams.set('options', [u.searchParams.get('options'), ...extra].filter(Boolean).join(' '));
  return u.toString();
}

async function run(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates a fresh, empty schema for one suite. */
export async function createTestSchema(url: string): Promise<TestSchema> {
  const name = `schakel_test_${randomBytes(6).toString('hex')}`;
  await run(url, `CREATE SCHEMA ${name}`);
  return {
    name,
    url: withSettings(url, { search_path: name }),
    drop: () => run(url, `DROP SCHEMA IF EXISTS ${name} CASCADE`),
  };
}

/** True when a schema of that name exists (to check that drop() cleaned up). */
export async function schemaExists(url: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [name]);
    return (r.rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}
