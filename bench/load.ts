// A typed wrapper around autocannon (which ships no types).
import { createRequire } from 'node:module';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: { method: string; path: string; headers?: Record<string, string>; body?: string }) => {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
  };
}

export interface LoadResult {
  requestsPerSecond: number;
  total: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

interface RawResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}

type Autocannon = (
  opts: { url: string; connections: number; duration: number; requests: LoadRequest[] },
  cb: (err: Error | null, result: RawResult) => void,
) => unknown;

const run = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Runs a load test and returns throughput and latency percentiles (ms). */
export function autocannon(opts: {
  url: string;
  connections: number;
  duration: number;
  requests: LoadRequest[];
}): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    run(opts, (err, r) => {
      if (err) return reject(err);
      resolve({
        requestsPerSecond: r.requests.average,
        total: r.requests.total,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors,
        non2xx: r.non2xx,
      });
    });
  });
}
