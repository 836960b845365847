// A node that dies while delivering leaves its claimed outbox messages leased. Restarted on the embedded
// store (PGlite, held by one process only) the node releases those leases at start, so the first drain
// delivers them; on PostgreSQL, which several node processes may share, a lease may be another running
// node's and stands. The crash is the state it leaves in the store: messages claimed through the
// repository (with a lease that would outlast the test by far) and the store closed without delivering.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type RunningNode, type StartNodeOptions } from '../../src/cli/start-node.ts';
import type { Caller } from '../../src/app/deps.ts';
import { kvk, pgliteStore } from '../app/harness.ts';
import { outboxRow, twoCompanies } from '../storage/network-contract.ts';
import { connectBothWays } from '../support/network-nodes.ts';
import {
  createTestSchema,
  TEST_DATABASE_URL,
  warnPostgresSkipped,
  type TestSchema,
} from '../support/postgres.ts';

/** A lease far beyond any test run: only a release makes these messages due again. */
const FAR_LEASE = '2999-01-01T00:00:00.000Z';

let seller: RunningNode;
let sellerId: string;

beforeAll(async () => {
  seller = await startNode({ deliveryIntervalMs: 0 });
  sellerId = kvk();
  await seller.services.registerCompany({ name: 'Draaierij B BV', identifiers: [sellerId], country: 'NL' });
}, 120_000);

afterAll(async () => {
  await seller?.close();
});

/**
 * Starts the buyer's node on `store`, issues `count` orders to the seller and claims their envelopes as
 * a worker would, then closes the node without delivering: the ids of the claimed messages.
 */
async function crashWhileDelivering(store: StartNodeOptions, count: number) {
  const buyer = await startNode({ ...store, deliveryIntervalMs: 0 });
  try {
    const buyerId = kvk();
    const company = await buyer.services.registerCompany({
      name: 'Inkoop A BV',
      identifiers: [buyerId],
      country: 'NL',
    });
    await connectBothWays({ node: buyer, id: buyerId }, { node: seller, id: sellerId });
    const token = (await buyer.services.createApiToken(company.id, { name: 'erp', role: 'admin' })).token;
    const asBuyer: Caller = await buyer.services.authenticate({ bearer: token });
    const orders = [];
    for (let i = 0; i < count; i++)
      orders.push(
        await buyer.services.issueOrder(asBuyer, {
          seller: sellerId,
          number: `PO-LEASE-${i}`,
          issueDate: '2026-11-22',
          currency: 'EUR',
          lines: [
            {
              lineId: '1',
              item: { name: 'Beugel' },
              unitCode: 'C62',
              price: { amount: '1' },
              schedule: [{ date: '2027-05-01', quantity: '1' }],
            },
          ],
        }),
      );
    const claimed = await buyer.services.deps.store.outbox.claimDue(new Date().toISOString(), FAR_LEASE, 100);
    const orderIds = orders.map((o) => o.id);
    const messages = claimed.filter((m) => orderIds.includes(m.conversationId));
    expect(messages).toHaveLength(count);
    return { orderIds, messageIds: messages.map((m) => m.id), companyId: company.id };
  } finally {
    await buyer.close();
  }
}

/** The seller's copies of `orderIds` that arrived. */
async function arrived(orderIds: string[]): Promise<string[]> {
  const company = await seller.services.deps.store.companies.findByIdentifier(...split(sellerId));
  const found = await Promise.all(
    orderIds.map((id) => seller.services.deps.store.orders.get(company!.id, id)),
  );
  return found.filter((o) => o !== null).map((o) => o.id);
}

const split = (id: string): [string, string] => [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];

describe('outbox leases after a restart', { timeout: 180_000 }, () => {
  it('on PGlite: a dead process’s leases are released at start and the first drain delivers them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'schakel-lease-'));
    try {
      const crashed = await crashWhileDelivering({ dataDir }, 3);
      const restarted = await startNode({ dataDir, deliveryIntervalMs: 0 });
      try {
        await restarted.outbox.drain();
        const statuses = await Promise.all(
          crashed.messageIds.map(async (id) => (await restarted.services.deps.store.outbox.get(id))?.status),
        );
        expect(statuses).toEqual(['delivered', 'delivered', 'delivered']);
        expect((await arrived(crashed.orderIds)).sort()).toEqual([...crashed.orderIds].sort());
      } finally {
        await restarted.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a release ends leases only: a retry that backoff or the circuit breaker scheduled keeps its time', async () => {
    const ts = await pgliteStore();
    const store = ts.store;
    try {
      const { a, b } = await twoCompanies(store);
      const at = (h: number) => new Date(Date.UTC(2026, 2, 2, h)).toISOString();
      const [crashed, retried, held] = [0, 1, 2].map(() => outboxRow(a.id, b.id, { nextAttemptAt: at(9) }));
      for (const m of [crashed!, retried!, held!]) await store.outbox.insert(m);
      expect(await store.outbox.claimDue(at(10), FAR_LEASE, 10)).toHaveLength(3);
      await store.outbox.markRetry(retried!.id, 'HTTP 503', at(12));
      await store.outbox.holdForBreaker(held!.id, at(11), at(10));
      expect(await store.outbox.releaseLeases()).toBe(1);
      expect((await store.outbox.claimDue(at(10), FAR_LEASE, 10)).map((m) => m.id)).toEqual([crashed!.id]);
      expect((await store.outbox.claimDue(at(11), FAR_LEASE, 10)).map((m) => m.id)).toEqual([held!.id]);
      expect((await store.outbox.claimDue(at(12), FAR_LEASE, 10)).map((m) => m.id)).toEqual([retried!.id]);
    } finally {
      await ts.close();
    }
  });

  describe.skipIf(!TEST_DATABASE_URL)('on PostgreSQL', () => {
    let schema: TestSchema;
    beforeAll(async () => {
      schema = await createTestSchema(TEST_DATABASE_URL!);
    });
    afterAll(async () => {
      await schema?.drop();
    });

    it('keeps the lease: another node sharing the store may be delivering those messages', async () => {
      const crashed = await crashWhileDelivering({ databaseUrl: schema.url }, 2);
      const restarted = await startNode({ databaseUrl: schema.url, deliveryIntervalMs: 0 });
      try {
        await restarted.outbox.drain();
        const statuses = await Promise.all(
          crashed.messageIds.map(async (id) => (await restarted.services.deps.store.outbox.get(id))?.status),
        );
        expect(statuses).toEqual(['pending', 'pending']);
        expect(await arrived(crashed.orderIds)).toEqual([]);
        // The lease is all that holds them: once it has ended, they are claimed as usual.
        const after = await restarted.services.deps.store.outbox.claimDue(
          FAR_LEASE,
          '3000-01-01T00:00:00.000Z',
          100,
        );
        expect(after.map((m) => m.id).sort()).toEqual([...crashed.messageIds].sort());
      } finally {
        await restarted.close();
      }
    });
  });
});

warnPostgresSkipped('lease-after-restart');
