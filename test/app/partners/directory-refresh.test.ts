// After a key rotation the node registers the company's new card at every directory it registered at,
// by itself, with real nodes on loopback (real HTTP, PGlite each): one directory takes the new card at
// once, one is down (retried with backoff, a task once it has failed for an hour, current once it is back)
// and one refuses it (no more attempts, a task at once, fixed by registering again by hand).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type RunningNode } from '../../../src/cli/start-node.ts';
import type { Company } from '../../../src/domain/company-types.ts';
import { DIRECTORY_REFRESH_ALERT_AFTER_MS, type Task } from '../../../src/domain/tasks.ts';
import type { CardProof } from '../../../src/network/card-proof.ts';
import type { Caller } from '../../../src/app/deps.ts';
import { createServices } from '../../../src/app/node.ts';
import { api } from '../../support/network-nodes.ts';

const B_ID = '0106:33334444';
const RETRY_MS = 60_000;

let dir1: RunningNode;
let dir2: RunningNode;
let dir3: RunningNode;
let nb: RunningNode;
let b: Company;
let tokenB: string;

interface Registration {
  directoryUrl: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  refreshRequestedAt: string | null;
  lastError: string | null;
  refreshBefore: string | null;
}

const registrations = async () =>
  (await api<{ items: Registration[] }>(nb, tokenB, 'GET', '/directory/registrations')).items;
const registrationAt = async (node: RunningNode) =>
  (await registrations()).find((r) => r.directoryUrl === node.url)!;

/** The kids that signed the card a directory serves for B. */
async function signersAt(node: RunningNode): Promise<string[]> {
  const r = await fetch(`${node.url}/.well-known/schakel/participants/${B_ID}`);
  const proof = ((await r.json()) as { proof: CardProof }).proof;
  return proof.signatures.map(
    (s) => (JSON.parse(Buffer.from(s.protected, 'base64url').toString()) as { kid: string }).kid,
  );
}

const asB = (): Caller => ({
  companyId: b.id,
  role: 'viewer',
  actor: { companyId: b.id, companyName: b.name, userId: null, tokenId: null, name: 'test' },
});

/** B's tasks as its node lists them `ms` from now. */
const tasksIn = (ms: number): Promise<Task[]> =>
  createServices({ ...nb.services.deps, now: () => new Date(Date.now() + ms) }).listTasks(asB());

/** One round of B's node's refresher as if it ran `ms` from now (retries that became due by then). */
const refreshIn = (ms: number): Promise<number> =>
  createServices({ ...nb.services.deps, now: () => new Date(Date.now() + ms) }).refreshDirectoryRegistrations(
    {
      backoff: { baseMs: RETRY_MS, capMs: RETRY_MS },
      random: () => 1,
    },
  );

beforeAll(async () => {
  [dir1, dir2, dir3, nb] = await Promise.all([
    startNode({ deliveryIntervalMs: 0, directory: true }),
    startNode({ deliveryIntervalMs: 0, directory: true }),
    startNode({ deliveryIntervalMs: 0, directory: true }),
    // The refresher is driven by the test (with a retry of exactly RETRY_MS).
    startNode({
      deliveryIntervalMs: 0,
      directoryRefreshIntervalMs: 0,
      directoryRefresh: { backoff: { baseMs: RETRY_MS, capMs: RETRY_MS }, random: () => 1 },
    }),
  ]);
  b = await nb.services.registerCompany({ name: 'Draaierij B BV', identifiers: [B_ID], country: 'NL' });
  tokenB = (await nb.services.createApiToken(b.id, { name: 'erp', role: 'admin' })).token;
}, 300_000);

afterAll(async () => {
  await Promise.all([dir1?.close(), dir2?.close(), dir3?.close(), nb?.close()]);
});

describe('re-registering the card at directories after a key rotation', { timeout: 120_000 }, () => {
  let oldKid: string;
  let newKid: string;
  let graceEnd: string;

  it('remembers where the card is registered', async () => {
    for (const d of [dir1, dir2, dir3])
      await api(nb, tokenB, 'POST', '/directory/registrations', { directoryUrl: `${d.url}/` });
    const listed = await registrations();
    expect(listed.map((r) => r.directoryUrl).sort()).toEqual([dir1.url, dir2.url, dir3.url].sort());
    expect(listed.every((r) => r.status === 'current' && r.refreshBefore === null)).toBe(true);
    oldKid = (await nb.services.deps.store.partners.keys(b.id))[0]!.kid;
    expect(await signersAt(dir1)).toEqual([oldKid]);
  });

  it('marks them in the rotation without calling any directory, then pushes the new card', async () => {
    // dir2 goes down, dir3 stops being a directory (it will refuse the card with 404).
    const dir2Port = dir2.port;
    await dir2.close();
    dir3.services.deps.network.directory = false;

    const rotated = await api<{ directoriesToRefresh: string[] }>(nb, tokenB, 'POST', '/keys/rotate', {
      graceDays: 3,
    });
    expect(rotated.directoriesToRefresh).toEqual([dir1.url, dir2.url, dir3.url].sort());
    const keys = await nb.services.deps.store.partners.keys(b.id);
    newKid = keys[0]!.kid;
    graceEnd = keys.find((k) => k.kid === oldKid)!.validUntil!;
    // The transaction only marked them: dir1 still serves the old card.
    expect(await signersAt(dir1)).toEqual([oldKid]);
    expect((await registrations()).map((r) => r.status)).toEqual([
      'refresh_due',
      'refresh_due',
      'refresh_due',
    ]);
    expect((await registrationAt(dir1)).refreshBefore).toBe(graceEnd);

    const before = Date.now();
    expect(await nb.directoryRefresher.runOnce()).toBe(3);
    expect((await signersAt(dir1)).sort()).toEqual([oldKid, newKid].sort());
    expect(await registrationAt(dir1)).toMatchObject({ status: 'current', attempts: 0, lastError: null });
    const down = await registrationAt(dir2);
    expect(down).toMatchObject({
      status: 'refresh_due',
      attempts: 1,
      lastError: expect.stringMatching(/^cannot be reached: /),
      refreshBefore: graceEnd,
    });
    expect(Date.parse(down.nextAttemptAt!)).toBeGreaterThanOrEqual(before + RETRY_MS);
    expect(await registrationAt(dir3)).toMatchObject({
      status: 'refresh_refused',
      attempts: 1,
      nextAttemptAt: null,
      lastError: expect.stringMatching(/^HTTP 404: .*not a directory/),
    });
    // Nothing is due again before the backoff has passed; a refusal is never retried.
    expect(await nb.directoryRefresher.runOnce()).toBe(0);

    // dir2 is back (an empty directory on the same address) by the time the retry is due.
    dir2 = await startNode({ port: dir2Port, deliveryIntervalMs: 0, directory: true });
    // Just before and after the retry time the failed attempt set (not the wall clock: restarting dir2
    // takes seconds on a loaded machine).
    const retryAt = Date.parse(down.nextAttemptAt!);
    expect(await refreshIn(retryAt - 1_000 - Date.now())).toBe(0);
    expect(await refreshIn(retryAt + 1_000 - Date.now())).toBe(1);
    expect(await registrationAt(dir2)).toMatchObject({ status: 'current', attempts: 0, lastError: null });
    expect((await signersAt(dir2)).sort()).toEqual([oldKid, newKid].sort());
  });

  it('shows a refused refresh as a task at once and a failing one after an hour', async () => {
    await dir2.close();
    await api(nb, tokenB, 'POST', '/keys/rotate', { graceDays: 2 });
    // The shorter grace ends the earlier keys sooner: dir3 still holds the card the first key signed.
    graceEnd = (await nb.services.deps.store.partners.keys(b.id)).find((k) => k.kid === oldKid)!.validUntil!;
    expect(await refreshIn(0)).toBe(3);
    expect(await registrationAt(dir2)).toMatchObject({ status: 'refresh_due', attempts: 1 });

    const refused = await api<{ items: Task[] }>(nb, tokenB, 'GET', '/tasks');
    expect(refused.items).toEqual([
      expect.objectContaining({
        kind: 'directory_refresh_failed',
        directoryUrl: dir3.url,
        orderId: '',
        lastError: expect.stringMatching(/not a directory/),
        refreshBefore: graceEnd,
      }),
    ]);
    expect(await tasksIn(DIRECTORY_REFRESH_ALERT_AFTER_MS - 60_000)).toHaveLength(1);
    const later = await tasksIn(DIRECTORY_REFRESH_ALERT_AFTER_MS + 60_000);
    expect(later.map((t) => t.directoryUrl).sort()).toEqual([dir2.url, dir3.url].sort());
    expect(later.find((t) => t.directoryUrl === dir2.url)).toMatchObject({
      kind: 'directory_refresh_failed',
      lastError: expect.stringMatching(/cannot be reached/),
    });
  });

  it('clears the task once a person registers the card again', async () => {
    dir3.services.deps.network.directory = true;
    await api(nb, tokenB, 'POST', '/directory/registrations', { directoryUrl: dir3.url });
    expect(await registrationAt(dir3)).toMatchObject({ status: 'current', attempts: 0, lastError: null });
    const newest = (await nb.services.deps.store.partners.keys(b.id))[0]!.kid;
    expect(await signersAt(dir3)).toContain(newest);
    expect((await tasksIn(DIRECTORY_REFRESH_ALERT_AFTER_MS + 60_000)).map((t) => t.directoryUrl)).toEqual([
      dir2.url,
    ]);
  });

  it('refreshes by itself while the node runs', async () => {
    await api(nb, tokenB, 'POST', '/keys/rotate', { graceDays: 2 });
    const newest = (await nb.services.deps.store.partners.keys(b.id))[0]!.kid;
    expect((await registrationAt(dir1)).status).toBe('refresh_due');
    nb.directoryRefresher.start(50);
    try {
      const until = Date.now() + 20_000;
      while ((await registrationAt(dir1)).status !== 'current' && Date.now() < until)
        await new Promise((r) => setTimeout(r, 50));
      expect(await registrationAt(dir1)).toMatchObject({ status: 'current' });
      expect(await signersAt(dir1)).toContain(newest);
    } finally {
      await nb.directoryRefresher.stop();
    }
  });

  it('lists registrations to the company’s admins only, and only its own', async () => {
    const viewer = (await nb.services.createApiToken(b.id, { name: 'look', role: 'viewer' })).token;
    await expect(api(nb, viewer, 'GET', '/directory/registrations')).rejects.toThrow(/403/);
    const other = await nb.services.registerCompany({
      name: 'Plaatwerk C BV',
      identifiers: ['0106:55556666'],
      country: 'NL',
    });
    const tokenC = (await nb.services.createApiToken(other.id, { name: 'erp', role: 'admin' })).token;
    expect(await api(nb, tokenC, 'GET', '/directory/registrations')).toEqual({ items: [] });
    expect(await api(nb, tokenC, 'GET', '/tasks')).toEqual({ items: [] });
  });
});
