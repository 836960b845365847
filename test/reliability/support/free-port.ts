// A TCP port nobody listens on right now, for a node that must keep its port across restarts.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** Asks the OS for a free port on 127.0.0.1 and releases it again. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
