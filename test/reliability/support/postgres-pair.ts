// PostgreSQL for the two nodes of a trading scenario: a fresh schema per node in TEST_DATABASE_URL, or
// the reason the PostgreSQL run is skipped (not configured, or unreachable).
import pg from 'pg';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from '../../support/postgres.ts';

export interface PostgresPair {
  /** Connection URLs of node A and node B; undefined when skipped. */
  urls?: readonly [string, string];
  skipReason?: string;
  drop(): Promise<void>;
}

/** Two schemas, or a skip reason; call drop() in afterAll. */
export async function postgresPair(): Promise<PostgresPair> {
  if (!TEST_DATABASE_URL) return { skipReason: 'TEST_DATABASE_URL is not set', drop: async () => {} };
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
  } catch (e) {
    return {
      skipReason: `PostgreSQL at TEST_DATABASE_URL is unreachable (${(e as Error).message})`,
      drop: async () => {},
    };
  }
  const schemas: TestSchema[] = [
    await createTestSchema(TEST_DATABASE_URL),
    await createTestSchema(TEST_DATABASE_URL),
  ];
  return {
    urls: [schemas[0]!.url, schemas[1]!.url],
    drop: async () => {
      await Promise.all(schemas.map((s) => s.drop()));
    },
  };
}

/** The message printed when a PostgreSQL run is skipped. */
export const skipMessage = (what: string, reason: string | undefined): string =>
  `[${what}] ${reason}: the PostgreSQL run is skipped. ` +
  'Set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test (as .ci/run does) to include it.';
