// `schakel demo --nodes 2` as a real process: the chain is replayed through the network onto two node
// processes; both answer, the copies of a cross-node order agree, a live answer travels between them,
// and SIGTERM stops everything cleanly.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/cli/data-lock.ts';
import type { OrderView } from '../../src/domain/order-view.ts';
import { exitOf, runCli, spawnCli, waitForOutput } from './run-cli.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'schakel-demo-nodes-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** URL and API token of a company in the demo output. */
function companyIn(out: string, name: string): { url: string; token: string } {
  const m = new RegExp(`${name}[^\\n]*— node \\d (http\\S+)\\n(?:.*\\n){3}  API token\\s+(\\S+)`).exec(out);
  if (!m) throw new Error(`${name} not in the demo output:\n${out}`);
  return { url: m[1]!, token: m[2]! };
}

async function get<T>(c: { url: string; token: string }, path: string): Promise<T> {
  const r = await fetch(`${c.url}/api/v1${path}`, { headers: { authorization: `Bearer ${c.token}` } });
  if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

const byNumber = async (c: { url: string; token: string }, number: string) => {
  const list = await get<{ items: OrderView[] }>(c, '/orders?limit=100');
  const found = list.items.find((o) => o.number === number);
  if (!found) throw new Error(`${number} not found`);
  return get<OrderView>(c, `/orders/${found.id}`);
};

describe('schakel demo --nodes', () => {
  it('refuses more nodes than companies', async () => {
    const r = await runCli(['demo', '--nodes', '6', '--data', dir, '--port', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--nodes is at most 5/);
  });

  it('spreads the chain over two node processes connected through the network', async () => {
    const child = spawnCli(['demo', '--nodes', '2', '--data', dir, '--port', '0']);
    let stderr: (() => string) | undefined;
    try {
      const ready = await waitForOutput(
        child,
        /Staalhandel Rijnmond[^\n]*\n(?:.*\n){3} {2}API token\s+sk_\S+/,
        400_000,
      );
      stderr = ready.stderr;
      const out = ready.stdout();
      expect(out).toContain('Schakel demo on 2 nodes');
      expect(out).toMatch(/Added 5 companies, 15 users and \d+ orders/);
      const oem = companyIn(out, 'Van Dijk Machinebouw');
      const assembler = companyIn(out, 'Brabant Assemblage');
      expect(oem.url).not.toBe(assembler.url);
      for (const url of [oem.url, assembler.url]) expect((await fetch(`${url}/healthz`)).status).toBe(200);

      // A cross-node order with its whole history: both copies agree, down to the line states.
      const buyerCopy = await byNumber(oem, 'VDM-PO-26101');
      const sellerCopy = await get<OrderView>(assembler, `/orders/${buyerCopy.id}`);
      expect([buyerCopy.role, sellerCopy.role]).toEqual(['buyer', 'seller']);
      expect(sellerCopy.status).toBe('completed');
      expect(buyerCopy.status).toBe('completed');
      expect(sellerCopy.lines.map((l) => [l.lineId, l.state])).toEqual(
        buyerCopy.lines.map((l) => [l.lineId, l.state]),
      );
      // The nodes know each other's companies as pinned partners.
      const partners = await get<{ items: { name: string; remote: { endpointUrl: string } | null }[] }>(
        oem,
        '/partners',
      );
      expect(partners.items.find((p) => p.name === 'Brabant Assemblage B.V.')?.remote?.endpointUrl).toBe(
        assembler.url,
      );

      // Live, after the replay: the seller on node 2 accepts an open order; node 1's copy follows.
      const open = await byNumber(assembler, 'VDM-PO-26107');
      expect(open.status).toBe('issued');
      const r = await fetch(`${assembler.url}/api/v1/orders/${open.id}/respond`, {
        method: 'POST',
        headers: { authorization: `Bearer ${assembler.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ answers: open.lines.map((l) => ({ lineId: l.lineId, answer: 'accept' })) }),
      });
      expect(r.status).toBe(200);
      let status = '';
      for (let i = 0; i < 120 && status !== 'agreed'; i++) {
        status = (await get<OrderView>(oem, `/orders/${open.id}`)).status;
        if (status !== 'agreed') await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(status).toBe('agreed');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
    expect(stderr?.()).toContain('[node 1] Stopped.');
    expect(stderr?.()).toContain('[node 2] Stopped.');
    for (const i of [1, 2]) expect(existsSync(join(dir, `node-${i}-of-2`, LOCK_FILE))).toBe(false);
  }, 500_000);
});
