// The storage contract on PostgreSQL, in a fresh schema per run; skipped (with the reason printed) when
// TEST_DATABASE_URL is not set. .ci/run sets it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlState } from '../../src/storage/db.ts';
import { OrdersRepository } from '../../src/storage/orders-repository.ts';
import { openStore } from '../../src/storage/store.ts';
import {
  createTestSchema,
  schemaExists,
  TEST_DATABASE_URL,
  warnPostgresSkipped,
  withSettings,
  type TestSchema,
} from '../support/postgres.ts';
import { buyerCopy, company, sellerCopy } from './fixtures.ts';
import { describeStoreContract } from './store-contract.ts';

const PG_LOCK_NOT_AVAILABLE = '55P03';
const MIGRATIONS = readdirSync(join(import.meta.dirname, '../../src/storage/migrations'))
  .filter((f) => f.endsWith('.sql'))
  .sort();

warnPostgresSkipped('test/storage/postgres-store.test.ts');

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL store', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema(TEST_DATABASE_URL!);
  });
  afterAll(async () => {
    await schema?.drop();
  });

  describeStoreContract(() => openStore({ databaseUrl: schema.url }));

  it('works inside its own schema only', async () => {
    const store = await openStore({ databaseUrl: schema.url });
    try {
      expect(store.kind).toBe('postgres');
      const r = await store.database.query<{ schema: string }>(
        "SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'orders' AND table_schema = current_schema()",
      );
      expect(r.rows).toEqual([{ schema: schema.name }]);
    } finally {
      await store.close();
    }
  });
});

// The whole contract again with every connection's session time zone far from UTC (UTC+14): dates and
// timestamps must come back the same.
describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL store, session time zone Pacific/Kiritimati', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema(TEST_DATABASE_URL!);
  });
  afterAll(async () => {
    await schema?.drop();
  });

  describeStoreContract(async () => {
    const store = await openStore({
      databaseUrl: withSettings(schema.url, { TimeZone: 'Pacific/Kiritimati' }),
    });
    const zone = await store.database.query<{ TimeZone: string }>('SHOW TIME ZONE');
    expect(zone.rows[0]?.TimeZone).toBe('Pacific/Kiritimati');
    return store;
  });
});

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL row locks', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema(TEST_DATABASE_URL!);
  });
  afterAll(async () => {
    await schema?.drop();
  });

  // Buyer and seller acting at once must queue, not deadlock: loading one copy for update locks both.
  it('locks both copies of an order held on this node until the transaction ends', async () => {
    const store = await openStore({ databaseUrl: schema.url });
    try {
      const [b, s, other] = [company(), company(), company()];
      for (const c of [b, s, other]) await store.companies.insert(c);
      const { order } = buyerCopy(b, s);
      await store.orders.insert(order, []);
      await store.orders.insert(sellerCopy(order), []);
      const unrelated = buyerCopy(b, other).order;
      await store.orders.insert(unrelated, []);
      const tryLock = (companyId: string, id: string) =>
        store.database.query('SELECT 1 FROM orders WHERE company_id = $1 AND id = $2 FOR UPDATE NOWAIT', [
          companyId,
          id,
        ]);

      await store.database.transaction(async (tx) => {
        expect((await new OrdersRepository(tx).getForUpdate(s.id, order.id))?.role).toBe('seller');
        // Another connection can lock neither copy of this order, but can lock other orders.
        for (const c of [b, s]) {
          const e = await tryLock(c.id, order.id).then(
            () => undefined,
            (err: unknown) => err,
          );
          expect(sqlState(e)).toBe(PG_LOCK_NOT_AVAILABLE);
        }
        await tryLock(b.id, unrelated.id);
      });
      await tryLock(b.id, order.id);
      await tryLock(s.id, order.id);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL migrations', () => {
  // Several nodes starting at once against one empty database: the advisory lock makes them take turns.
  it('apply once when several stores open an empty schema at the same time', async () => {
    const temp = await createTestSchema(TEST_DATABASE_URL!);
    try {
      const stores = await Promise.all([1, 2, 3].map(() => openStore({ databaseUrl: temp.url })));
      try {
        const r = await stores[0]!.database.query<{ name: string }>('SELECT name FROM schema_migrations');
        expect(r.rows.map((x) => x.name).sort()).toEqual(MIGRATIONS);
      } finally {
        await Promise.all(stores.map((x) => x.close()));
      }
    } finally {
      await temp.drop();
    }
  });
});

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL test schemas', () => {
  it('are dropped with everything in them', async () => {
    const temp = await createTestSchema(TEST_DATABASE_URL!);
    const store = await openStore({ databaseUrl: temp.url });
    await store.close();
    expect(await schemaExists(TEST_DATABASE_URL!, temp.name)).toBe(true);
    await temp.drop();
    expect(await schemaExists(TEST_DATABASE_URL!, temp.name)).toBe(false);
  });
});
