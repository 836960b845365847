// The storage contract on PGlite: in memory (what tests and demos use) and in a data directory (what a
// node uses by default), plus what only a data directory has: data survives a reopen and migrations run once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/storage/migrate.ts';
import { openStore } from '../../src/storage/store.ts';
import { actor, buyerCopy, company, history } from './fixtures.ts';
import { describeStoreContract } from './store-contract.ts';

describe('PGlite store, in memory', () => {
  describeStoreContract(() => openStore({}));

  it('reports its kind', async () => {
    const store = await openStore({});
    try {
      expect(store.kind).toBe('pglite');
      expect(store.database.kind).toBe('pglite');
    } finally {
      await store.close();
    }
  });
});

describe('PGlite store, in a data directory', () => {
  const root = mkdtempSync(join(tmpdir(), 'schakel-pglite-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  describeStoreContract(() => openStore({ dataDir: join(root, 'contract') }));

  it('keeps data across a reopen and does not apply migrations again', async () => {
    const dataDir = join(root, 'reopen', 'nested'); // created when missing
    const b = company();
    const s = company();
    const { order, events } = buyerCopy(b, s);
    const rows = history(order, events, actor(b));

    const first = await openStore({ dataDir });
    let appliedAt: unknown;
    try {
      await first.companies.insert(b);
      await first.companies.insert(s);
      await first.orders.insert(order, rows);
      appliedAt = (
        await first.database.query<{ applied_at: Date }>('SELECT applied_at FROM schema_migrations')
      ).rows.map((r) => r.applied_at.toISOString());
    } finally {
      await first.close();
    }

    const second = await openStore({ dataDir });
    try {
      expect(await second.companies.get(b.id)).toEqual(b);
      expect(await second.orders.get(b.id, order.id)).toEqual(order);
      expect(await second.orders.events(b.id, order.id)).toEqual(rows);
      const again = await second.database.query<{ applied_at: Date }>(
        'SELECT applied_at FROM schema_migrations',
      );
      expect(again.rows.map((r) => r.applied_at.toISOString())).toEqual(appliedAt);
      expect(await migrate(second.database)).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
