// A plain node:http upstream for testing the fault proxy: records every request it sees (complete or
// cut off) and answers with a body chosen per path.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  /** sha256 of the body as received. */
  sha256: string;
  bytes: number;
  /** False when the connection ended before the body was complete. */
  complete: boolean;
}

export interface RecordingServer {
  port: number;
  seen: SeenRequest[];
  /** Completed requests to `url`. */
  completed(url: string): SeenRequest[];
  /** Resolves once `count` requests (complete or not) were seen. */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * `respond(url)` gives the response body: GET/POST /echo answers with the request body, anything else
 * with the body `respond` returns (default "ok").
 */
export async function startRecordingServer(
  respond: (url: string) => Buffer = () => Buffer.from('ok'),
): Promise<RecordingServer> {
  const seen: SeenRequest[] = [];
  const waiters: (() => void)[] = [];
  const record = (entry: SeenRequest): void => {
    seen.push(entry);
    waiters.splice(0).forEach((w) => w());
  };
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    let done = false;
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      done = true;
      const body = Buffer.concat(chunks);
      record({
        method: req.method ?? '',
        url: req.url ?? '',
        sha256: sha256(body),
        bytes: body.length,
        complete: true,
      });
      const answer = req.url === '/echo' ? body : respond(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': answer.length });
      res.end(answer);
    });
    req.on('close', () => {
      if (done) return;
      const body = Buffer.concat(chunks);
      record({
        method: req.method ?? '',
        url: req.url ?? '',
        sha256: sha256(body),
        bytes: body.length,
        complete: false,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    completed: (url) => seen.filter((r) => r.complete && r.url === url),
    waitForRequests: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`the server saw ${seen.length} requests, not ${count}, within ${timeoutMs} ms`)),
          timeoutMs,
        );
        const check = (): void => {
          if (seen.length >= count) {
            clearTimeout(timer);
            resolve();
          } else waiters.push(check);
        };
        check();
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
