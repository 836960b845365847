// The fault proxy against a real node:http server: every fault is visible from the client side (error,
// cut-off body, a request the server saw twice) and pass-through is byte-exact.
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { always, chooseFault, type FaultPlan } from './support/fault-plan.ts';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.ts';
import { httpCall } from './support/http-call.ts';
import { sha256, startRecordingServer, type RecordingServer } from './support/recording-server.ts';
import { seededRandom } from './support/seeded-random.ts';

const BIG = randomBytes(3 * 1024 * 1024 + 17);
const REPLY = Buffer.from('x'.repeat(1000));

let server: RecordingServer;
let proxy: FaultProxy;

beforeEach(async () => {
  server = await startRecordingServer((url) => (url === '/big' ? BIG : REPLY));
  proxy = await startFaultProxy({ upstreamPort: server.port });
  onTestFailed(() => console.error(proxy.summary()));
});
afterEach(async () => {
  await proxy.close();
  await server.close();
});

describe('fault proxy: pass-through', () => {
  it('forwards large request and response bodies byte for byte', async () => {
    const echoed = await httpCall(`${proxy.url}/echo`, { body: BIG });
    expect(echoed.error).toBeUndefined();
    expect(echoed.complete).toBe(true);
    expect(echoed.body.length).toBe(BIG.length);
    expect(sha256(echoed.body)).toBe(sha256(BIG));
    expect(server.completed('/echo')).toEqual([
      expect.objectContaining({ bytes: BIG.length, sha256: sha256(BIG) }),
    ]);

    const downloaded = await httpCall(`${proxy.url}/big`);
    expect(sha256(downloaded.body)).toBe(sha256(BIG));
    const stats = proxy.stats();
    expect(stats.faults.pass).toBe(2);
    expect(stats.bytesToUpstream).toBeGreaterThan(BIG.length);
    expect(stats.bytesToClient).toBeGreaterThan(2 * BIG.length);
  });

  it('decides per request on a keep-alive connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      proxy.enqueue({ kind: 'pass' }, { kind: 'duplicate' }, { kind: 'pass' });
      for (const n of [1, 2, 3]) {
        const r = await httpCall(`${proxy.url}/echo`, { body: Buffer.from(`request ${n}`), agent });
        expect(r.body.toString()).toBe(`request ${n}`);
      }
      await server.waitForRequests(4);
      expect(proxy.stats().connections).toBe(1);
      expect(server.completed('/echo').map((r) => r.bytes)).toHaveLength(4);
      expect(proxy.decisions.map((d) => d.fault.kind)).toEqual(['pass', 'duplicate', 'pass']);
    } finally {
      agent.destroy();
    }
  });

  it('passes a chunked upload through unframed', async () => {
    const r = await httpCall(`${proxy.url}/echo`, {
      body: Buffer.from('chunked body'),
      chunked: true,
    });
    expect(r.body.toString()).toBe('chunked body');
    expect(proxy.stats().unframed).toBe(1);
  });
});

describe('fault proxy: faults', () => {
  it('delay: the request reaches the server only after the delay', async () => {
    proxy.enqueue({ kind: 'delay', ms: 300 });
    const started = performance.now();
    let seenAt = 0;
    void server.waitForRequests(1).then(() => (seenAt = performance.now()));
    const r = await httpCall(`${proxy.url}/ping`);
    expect(r.body.toString()).toBe(REPLY.toString());
    expect(seenAt - started).toBeGreaterThanOrEqual(295);
    expect(proxy.stats().faults.delay).toBe(1);
  });

  it('drop: the client sees its connection closed and the server sees nothing', async () => {
    proxy.enqueue({ kind: 'drop' });
    const r = await httpCall(`${proxy.url}/order`, { body: Buffer.from('{"n":1}') });
    expect(r.failedIn).toBe('request');
    expect(r.error?.code).toBe('ECONNRESET');
    expect(r.error?.message).toMatch(/socket hang up/);
    expect(server.seen).toEqual([]);
    expect(proxy.stats().faults.drop).toBe(1);
  });

  it('reset-request: a reset mid-body; the server gets a cut-off request', async () => {
    proxy.enqueue({ kind: 'reset-request', afterBytes: 300 });
    const r = await httpCall(`${proxy.url}/order`, { body: randomBytes(20_000) });
    expect(r.failedIn).toBe('request');
    expect(r.error?.code).toMatch(/ECONNRESET|EPIPE/);
    await server.waitForRequests(1);
    expect(server.seen).toEqual([expect.objectContaining({ url: '/order', complete: false })]);
    expect(server.seen[0]!.bytes).toBeLessThan(300);
    expect(proxy.stats().faults['reset-request']).toBe(1);
  });

  it('reset-request never forwards a whole request, however large afterBytes is', async () => {
    proxy.enqueue({ kind: 'reset-request', afterBytes: 1_000_000 });
    const r = await httpCall(`${proxy.url}/order`, { body: Buffer.from('small') });
    expect(r.error?.code).toMatch(/ECONNRESET|EPIPE/);
    await server.waitForRequests(1);
    expect(server.completed('/order')).toEqual([]);
  });

  it('reset-response: the server handled the request, the client gets a reset mid-body', async () => {
    proxy.enqueue({ kind: 'reset-response', afterBytes: 100 });
    const r = await httpCall(`${proxy.url}/order`, { body: Buffer.from('{"n":2}') });
    expect(r.error?.code).toBe('ECONNRESET');
    expect(r.complete).toBe(false);
    expect(r.body.length).toBeLessThan(REPLY.length);
    expect(server.completed('/order')).toHaveLength(1);
    expect(proxy.stats().faults['reset-response']).toBe(1);
  });

  it('truncate-response: the body ends early on a clean close, short of its Content-Length', async () => {
    proxy.enqueue({ kind: 'truncate-response', keepBytes: 100 });
    const r = await httpCall(`${proxy.url}/order`, { body: Buffer.from('{"n":3}') });
    expect(r.status).toBe(200);
    expect(r.headers?.['content-length']).toBe(String(REPLY.length));
    expect(r.body.length).toBe(100);
    expect(r.complete).toBe(false);
    expect(r.failedIn).toBe('response');
    expect(server.completed('/order')).toHaveLength(1);
    expect(proxy.stats().faults['truncate-response']).toBe(1);
  });

  it('truncate-response keeps less than the whole body even when keepBytes exceeds it', async () => {
    proxy.enqueue({ kind: 'truncate-response', keepBytes: 50_000 });
    const r = await httpCall(`${proxy.url}/order`, { body: Buffer.from('{"n":4}') });
    expect(r.body.length).toBe(REPLY.length - 1);
    expect(r.complete).toBe(false);
  });

  it('duplicate: the server sees the exact request twice, the client one response', async () => {
    proxy.enqueue({ kind: 'duplicate', delayMs: 20 });
    const body = randomBytes(50_000);
    const r = await httpCall(`${proxy.url}/echo`, { body });
    expect(sha256(r.body)).toBe(sha256(body));
    await server.waitForRequests(2);
    expect(server.completed('/echo')).toEqual([
      expect.objectContaining({ sha256: sha256(body) }),
      expect.objectContaining({ sha256: sha256(body) }),
    ]);
    await expect.poll(() => proxy.stats().duplicateResponses).toBe(1);
    expect(proxy.stats().faults.duplicate).toBe(1);
  });

  it('upstream down: the client sees a reset and the proxy counts it', async () => {
    await server.close();
    const r = await httpCall(`${proxy.url}/order`, { body: Buffer.from('{}') });
    expect(r.error?.code).toBe('ECONNRESET');
    expect(proxy.stats().upstreamErrors).toBe(1);
  });
});

describe('fault proxy: plans', () => {
  it('draws the same faults from the same seed', () => {
    const plan: FaultPlan = [
      { fault: { kind: 'pass' }, weight: 5 },
      { fault: { kind: 'delay', ms: [1, 50] }, weight: 2 },
      { fault: { kind: 'reset-response', afterBytes: [0, 500] }, weight: 1 },
    ];
    const sequence = (seed: number): string[] => {
      const random = seededRandom(seed);
      return Array.from({ length: 200 }, () => JSON.stringify(chooseFault(plan, random)));
    };
    expect(sequence(42)).toEqual(sequence(42));
    expect(sequence(42)).not.toEqual(sequence(43));
    const kinds = new Set(sequence(7).map((s) => (JSON.parse(s) as { kind: string }).kind));
    expect(kinds).toEqual(new Set(['pass', 'delay', 'reset-response']));
  });

  it('changes plan while running and prints the seed in its summary', async () => {
    proxy.setPlan(always({ kind: 'drop' }));
    expect((await httpCall(`${proxy.url}/a`)).error).toBeDefined();
    proxy.setPlan([]);
    expect((await httpCall(`${proxy.url}/b`)).body.toString()).toBe(REPLY.toString());
    expect(server.seen.map((r) => r.url)).toEqual(['/b']);
    expect(proxy.summary()).toContain(`FAULT_SEED=${proxy.seed}`);
    expect(proxy.summary()).toMatch(/#1 conn 1 GET \/a: drop/);
  });

  it('refuses a plan with a bad weight or range, with a clear message', () => {
    expect(() => proxy.setPlan([{ fault: { kind: 'pass' }, weight: 0 }])).toThrow(
      /weight of pass must be > 0/,
    );
    expect(() => proxy.setPlan(always({ kind: 'delay', ms: [50, 10] }))).toThrow(/delay\.ms must be/);
    expect(() => proxy.enqueue({ kind: 'truncate-response', keepBytes: -1 })).toThrow(/keepBytes/);
  });
});

describe('fault proxy: under load', () => {
  it('accounts for every request of a mixed plan, client side and server side', async () => {
    proxy.setPlan([
      { fault: { kind: 'pass' }, weight: 4 },
      { fault: { kind: 'delay', ms: [0, 30] }, weight: 2 },
      { fault: { kind: 'drop' }, weight: 1 },
      { fault: { kind: 'reset-request', afterBytes: [0, 5000] }, weight: 1 },
      { fault: { kind: 'reset-response', afterBytes: [0, 5000] }, weight: 1 },
      { fault: { kind: 'truncate-response', keepBytes: [0, 5000] }, weight: 1 },
      { fault: { kind: 'duplicate', delayMs: [0, 20] }, weight: 1 },
    ]);
    const total = 240;
    let next = 0;
    let ok = 0;
    let failed = 0;
    const worker = async (): Promise<void> => {
      while (next < total) {
        const body = randomBytes(1 + ((next++ * 7919) % 12_000));
        const r = await httpCall(`${proxy.url}/echo`, { body });
        if (r.complete) {
          expect(sha256(r.body)).toBe(sha256(body));
          ok++;
        } else {
          expect(r.error).toBeDefined();
          failed++;
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const f = proxy.stats().faults;
    await expect.poll(() => proxy.stats().duplicateResponses, { timeout: 10_000 }).toBe(f.duplicate);
    expect(ok + failed).toBe(total);
    expect(proxy.stats().requests).toBe(total);
    // Answered: pass, delay, duplicate. Cut off: all the others.
    expect(ok).toBe(f.pass + f.delay + f.duplicate);
    expect(failed).toBe(f.drop + f['reset-request'] + f['reset-response'] + f['truncate-response']);
    // The server completed each request that got through whole, duplicates twice.
    expect(server.completed('/echo')).toHaveLength(
      f.pass + f.delay + 2 * f.duplicate + f['reset-response'] + f['truncate-response'],
    );
    for (const kind of [
      'drop',
      'reset-request',
      'reset-response',
      'truncate-response',
      'duplicate',
    ] as const) {
      expect(f[kind], kind).toBeGreaterThan(0);
    }
  });
});
