// An HTTP proxy in front of a node's inbox that tests steer one request at a time: each queued fault
// applies to the next POST to /network/v1/inbox ('drop': the connection is cut before an answer;
// 'refuse': 503 with a problem body); with nothing queued, the request goes through to the target.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type InboxFault = 'drop' | 'refuse';

export interface FlakyProxy {
  url: string;
  /** What happens to the next inbox POSTs, in order (assign or push); empty: forward. */
  faults: InboxFault[];
  close(): Promise<void>;
}

/** Starts a proxy on a free loopback port that forwards to `target()` (read per request). */
export async function startFlakyProxy(target: () => string): Promise<FlakyProxy> {
  const proxy: Omit<FlakyProxy, 'url' | 'close'> = { faults: [] };
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const fault = req.url?.startsWith('/network/v1/inbox') ? proxy.faults.shift() : undefined;
      if (fault === 'drop') return void req.socket.destroy();
      if (fault === 'refuse') {
        res.writeHead(503, { 'content-type': 'application/problem+json' });
        return void res.end(
          JSON.stringify({ status: 503, title: 'Unavailable', detail: 'maintenance window' }),
        );
      }
      const to = new URL(target());
      const forward = httpRequest(
        { host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.end(Buffer.concat(chunks));
    });
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
