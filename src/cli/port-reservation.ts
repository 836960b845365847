// Finding a port in use before anything else: opening the store (and migrating it) takes seconds on
// PGlite, and a node that would only then learn that it cannot listen makes a person wait for nothing.
// The node holds the port while it opens the store and gives it back just before its server listens.
import { createServer } from 'node:net';

export interface PortReservation {
  /** Gives the port back (for the node's own server to take). Safe to call twice. */
  release(): Promise<void>;
}

/** Binds `port` on `host` now; rejects with the socket error (EADDRINUSE, EACCES) when it cannot. */
export function reservePort(port: number, host: string): Promise<PortReservation> {
  // Nothing is served here: a connection that comes while the store opens is refused, not left hanging.
  const server = createServer({ pauseOnConnect: true }, (socket) => socket.destroy());
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', reject);
      let released: Promise<void> | null = null;
      resolve({
        release: () =>
          (released ??= new Promise<void>((done) => {
            server.close(() => done());
          })),
      });
    });
  });
}
