// The guarantee every trading scenario ends with: each order exists exactly once on both nodes, the
// supplier's answer reached the buyer exactly once, both copies agree line by line, nothing is left in
// an outbox (pending or dead) and no inbox holds a message twice. Plus the readings the report needs.
import type { ExpectStatic } from 'vitest';
import type { Ledger } from './pair-ledger.ts';
import type { NodeProcess } from './node-process.ts';
import type { ScenarioReport } from './report.ts';

/** Sum of a Prometheus metric's samples whose labels include `labels` (0 when absent). */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const own = m[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => own.includes(`${k}="${v}"`))) sum += Number(m[3]);
  }
  return sum;
}

/** GET /metrics of a running node. */
export async function metricsOf(node: NodeProcess): Promise<string> {
  const r = await fetch(`${node.url}/metrics`);
  if (r.status !== 200) throw new Error(`/metrics of ${node.name}: HTTP ${r.status}`);
  return r.text();
}

export interface Delivery {
  delivered: number;
  pending: number;
  dead: number;
}

/** Delivery counts of the caller's documents to its (single) remote partner, from GET /api/v1/partners. */
export async function deliveryOf(node: NodeProcess, token: string): Promise<Delivery> {
  const r = await fetch(`${node.url}/api/v1/partners`, { headers: { authorization: `Bearer ${token}` } });
  if (r.status !== 200) throw new Error(`/partners of ${node.name}: HTTP ${r.status}`);
  const { items } = (await r.json()) as { items: { delivery?: Delivery }[] };
  const remote = items.filter(
    (p) => p.delivery && p.delivery.delivered + p.delivery.pending + p.delivery.dead,
  );
  return remote.reduce(
    (t, p) => ({
      delivered: t.delivered + p.delivery!.delivered,
      pending: t.pending + p.delivery!.pending,
      dead: t.dead + p.delivery!.dead,
    }),
    { delivered: 0, pending: 0, dead: 0 },
  );
}

/** Asserts exactly-once delivery both ways for the orders in `ids` (every one accepted by the supplier). */
export function expectExactlyOnce(expect: ExpectStatic, ids: readonly string[], a: Ledger, b: Ledger): void {
  const n = ids.length;
  const sorted = [...ids].sort();
  // Each order once on both sides, under the same id and number; nothing else.
  expect([...a.orders.keys()].sort()).toEqual(sorted);
  expect([...b.orders.keys()].sort()).toEqual(sorted);
  expect(new Set([...a.orders.values()].map((o) => o.number)).size).toBe(n);
  const disagreements = ids.filter((id) => {
    const [x, y] = [a.orders.get(id)!, b.orders.get(id)!];
    return x.number !== y.number || JSON.stringify(x.lines) !== JSON.stringify(y.lines);
  });
  expect(disagreements, 'copies whose number or line states differ').toEqual([]);
  // Every line was accepted by the supplier, and the buyer's copy knows it.
  const notAgreed = ids.filter((id) => Object.values(a.orders.get(id)!.lines).some((s) => s !== 'agreed'));
  expect(notAgreed, 'buyer copies with lines not agreed').toEqual([]);

  // Outboxes: one Order per order from A, one OrderResponse per order from B, all with a receipt.
  expect(a.outbox.byStatus).toEqual({ delivered: n });
  expect(b.outbox.byStatus).toEqual({ delivered: n });
  expect(ids.filter((id) => a.outbox.delivered.get(`${id}/Order`) !== 1)).toEqual([]);
  expect(ids.filter((id) => b.outbox.delivered.get(`${id}/OrderResponse`) !== 1)).toEqual([]);

  // Inboxes: each message stored once and applied.
  for (const [ledger, type] of [
    [b, 'Order'],
    [a, 'OrderResponse'],
  ] as const) {
    expect(ledger.inbox.total).toBe(n);
    expect(ledger.inbox.distinctMessages).toBe(n);
    expect(ledger.inbox.byStatus).toEqual({ applied: n });
    expect(ids.filter((id) => ledger.inbox.received.get(`${id}/${type}`) !== 1)).toEqual([]);
  }
}

/** Documents that arrived exactly once (orders at B, answers at A), for the report. */
export function deliveredOnce(ids: readonly string[], a: Ledger, b: Ledger): number {
  return ids.reduce(
    (sum, id) =>
      sum +
      (b.inbox.received.get(`${id}/Order`) === 1 ? 1 : 0) +
      (a.inbox.received.get(`${id}/OrderResponse`) === 1 ? 1 : 0),
    0,
  );
}

/** The report's figures common to the trading scenarios. */
export function tradingReport(
  scenario: string,
  ids: readonly string[],
  a: Ledger,
  b: Ledger,
  drainMs: number | null,
  duplicatesSuppressed: number,
  extra: Record<string, string | number>,
): ScenarioReport {
  return {
    scenario,
    sent: 2 * ids.length,
    delivered: deliveredOnce(ids, a, b),
    duplicatesSuppressed,
    retries: a.outbox.retries + b.outbox.retries,
    drainMs,
    extra,
  };
}
