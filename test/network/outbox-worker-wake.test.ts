// The delivery worker does not make a written envelope wait for its next poll: wake() (called by the
// node after every committed order change) starts a round at once, and the envelopes of different
// conversations are delivered in parallel while those of one conversation stay in sequence.
// A real HTTP server stands in for the partner's inbox; it answers 503, so every delivery is an attempt
// that fails and is recorded, which is all these tests need to observe.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpTransport } from '../../src/network/http-transport.ts';
import { NetworkMetrics } from '../../src/network/metrics.ts';
import { OutboxWorker } from '../../src/network/outbox-worker.ts';
import type { Store } from '../../src/storage/store.ts';
import { pgliteStore, servicesFor, sleep, trade, type Trade, type TestStore } from '../app/harness.ts';

let ts: TestStore;
let store: Store;
let t: Trade;
let server: Server;
let endpoint: string;
/** Envelopes as the inbox received them, in arrival order. */
let received: string[] = [];
let inFlight = 0;
let maxInFlight = 0;
/** Requests held until this many are in flight at once (or a second has passed), then answered. */
let holdUntil = 1;
const held: (() => void)[] = [];
let worker: OutboxWorker | null = null;

function inbox(req: IncomingMessage, res: ServerResponse): void {
  let body = '';
  req.on('data', (d: Buffer) => (body += d.toString()));
  req.on('end', () => {
    received.push(body);
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    const answer = (): void => {
      inFlight--;
      res.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
    };
    held.push(answer);
    // A worker that sends one at a time never reaches holdUntil: the fallback keeps it going.
    const release = (): void => void held.splice(0).forEach((f) => f());
    if (inFlight >= holdUntil) release();
    else setTimeout(release, 1_000);
  });
}

beforeAll(async () => {
  ts = await pgliteStore();
  store = ts.store;
  t = await trade(servicesFor(store), 'Wake');
  server = createServer(inbox);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await worker?.stop();
  worker = null;
  received = [];
  maxInFlight = 0;
  holdUntil = 1;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await ts?.close();
});

/** Writes a pending envelope `label` of the buyer in `conversationId`; returns the message id. */
async function queue(conversationId: string, label: string): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await store.outbox.insert({
    id,
    companyId: t.buyer.id,
    peerCompanyId: t.seller.id,
    conversationId,
    seq: await store.outbox.nextSeq(t.buyer.id, t.seller.id, conversationId),
    documentType: 'Order',
    endpointUrl: endpoint,
    envelope: label,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    receipt: null,
    createdAt: now,
    deliveredAt: null,
  });
  return id;
}

const newWorker = () =>
  // deadAfterMs 0: a failed attempt ends as a dead letter, so no retry of one test shows up in the next.
  new OutboxWorker({ store, transport: httpTransport(5_000), metrics: new NetworkMetrics(), deadAfterMs: 0 });

/** Waits (without a deadline of its own: the test timeout is the limit) until `check` holds. */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await sleep(20);
}

describe('outbox worker', { timeout: 60_000 }, () => {
  it('delivers a message as soon as it is woken, without waiting for the next poll', async () => {
    worker = newWorker();
    // A poll interval far beyond the test's timeout: only wake() can make this delivery happen.
    worker.start(10 * 60_000);
    await worker.runOnce(); // the round start() began; the worker then sleeps
    const id = await queue(randomUUID(), 'woken.p.s');
    worker.wake();
    await until(async () => (await store.outbox.get(id))?.attempts === 1);
    expect(received).toEqual(['woken.p.s']);
    expect((await store.outbox.get(id))?.lastError).toContain('HTTP 503');
  });

  it('does nothing on wake() when it was not started (tests drive it by hand)', async () => {
    worker = newWorker();
    const id = await queue(randomUUID(), 'idle.p.s');
    worker.wake();
    // A full round through the same queue proves the message was still waiting for it.
    expect(await worker.runOnce()).toBe(1);
    expect(received).toEqual(['idle.p.s']);
    expect((await store.outbox.get(id))?.attempts).toBe(1);
  });

  it('delivers different conversations in parallel and one conversation in sequence', async () => {
    const [x, y] = [randomUUID(), randomUUID()];
    for (const n of [1, 2]) {
      await queue(x, `x${n}.p.s`);
      await queue(y, `y${n}.p.s`);
    }
    holdUntil = 2;
    worker = newWorker();
    expect(await worker.runOnce()).toBe(4);
    expect(maxInFlight).toBe(2);
    expect(received.filter((e) => e.startsWith('x'))).toEqual(['x1.p.s', 'x2.p.s']);
    expect(received.filter((e) => e.startsWith('y'))).toEqual(['y1.p.s', 'y2.p.s']);
  });
});
