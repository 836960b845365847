// Load drivers and statistics for `npm run bench -- exchange`: a closed loop (a fixed number of requests
// in flight), an open loop (requests started at a fixed arrival rate, whatever is still in flight), and
// percentiles. Both drivers use the same fetch client (undici, keep-alive) for Schakel and the baseline.

/** One request the driver made: when it started (epoch ms), how long it took (ms), its status. */
export interface Sent<T> {
  index: number;
  startedAt: number;
  ms: number;
  status: number;
  value: T | null;
}

export type Call<T> = (index: number) => Promise<{ status: number; value: T | null }>;

async function timed<T>(index: number, call: Call<T>): Promise<Sent<T>> {
  const startedAt = Date.now();
  const t0 = performance.now();
  try {
    const r = await call(index);
    return { index, startedAt, ms: performance.now() - t0, status: r.status, value: r.value };
  } catch {
    return { index, startedAt, ms: performance.now() - t0, status: 0, value: null };
  }
}

/** Makes `count` calls with at most `concurrency` in flight; returns them in index order. */
export async function closedLoop<T>(count: number, concurrency: number, call: Call<T>): Promise<Sent<T>[]> {
  const out: Sent<T>[] = new Array<Sent<T>>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      out[i] = await timed(i, call);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return out;
}

/**
 * Starts call i at `start + i / rate` seconds (an open loop: a slow answer does not delay the next
 * arrival, as with real independent clients); returns the calls in index order once all have answered.
 */
export async function openLoop<T>(count: number, ratePerSecond: number, call: Call<T>): Promise<Sent<T>[]> {
  const start = performance.now();
  const pending: Promise<Sent<T>>[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(timed(i, call));
  }
  return Promise.all(pending);
}

/** The p-th percentile (0–100, nearest rank) of `values`, or null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return Number(sorted[rank - 1]!.toFixed(1));
}

/** p50, p99 and max of a list of latencies in ms. */
export function latencySummary(values: readonly number[]): {
  p50: number | null;
  p99: number | null;
  max: number | null;
} {
  return { p50: percentile(values, 50), p99: percentile(values, 99), max: percentile(values, 100) };
}
