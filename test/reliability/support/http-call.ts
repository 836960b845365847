// An HTTP/1.1 client call that reports exactly what arrived, including how it failed: what the
// fault-proxy tests observe from the client side.
import { request, type Agent } from 'node:http';

export interface CallOutcome {
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  /** Body bytes that arrived (possibly cut short). */
  body: Buffer;
  /** True when the whole response arrived. */
  complete: boolean;
  /** The error, if any: ECONNRESET for resets and cut-off bodies. */
  error?: NodeJS.ErrnoException;
  /** Whether the error came before or after the response head. */
  failedIn?: 'request' | 'response';
}

export interface CallOptions {
  method?: string;
  body?: Buffer;
  /** Default: a fresh connection per call (agent false). */
  agent?: Agent | false;
  headers?: Record<string, string>;
  /** Send the body with Transfer-Encoding: chunked instead of Content-Length. */
  chunked?: boolean;
}

/** Sends one request; never rejects, the outcome says what happened. */
export function httpCall(url: string, options: CallOptions = {}): Promise<CallOutcome> {
  const body = options.body;
  return new Promise((resolve) => {
    const req = request(url, {
      method: options.method ?? (body ? 'POST' : 'GET'),
      agent: options.agent ?? false,
      headers: {
        ...(body && !options.chunked ? { 'content-length': String(body.length) } : {}),
        ...(options.chunked ? { 'transfer-encoding': 'chunked' } : {}),
        ...options.headers,
      },
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ body: Buffer.alloc(0), complete: false, error, failedIn: 'request' }),
    );
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      const outcome = (error?: NodeJS.ErrnoException): CallOutcome => ({
        status: res.statusCode,
        headers: res.headers,
        body: Buffer.concat(chunks),
        complete: res.complete && !error,
        ...(error ? { error, failedIn: 'response' as const } : {}),
      });
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(outcome()));
      res.on('error', (error: NodeJS.ErrnoException) => resolve(outcome(error)));
    });
    req.end(body);
  });
}
