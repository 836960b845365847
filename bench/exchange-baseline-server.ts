// The bare baseline of `npm run bench -- exchange`: a minimal node:http server that takes the body of
// each POST and does one durable INSERT of it per request into the same kind of store Schakel uses (PGlite
// in a data directory, or PostgreSQL through a pool of the same size), then answers 200. No parsing, no
// signature, no receipt: the floor of "receive bytes over HTTP and store them".
//
//   node bench/exchange-baseline-server.ts <port> pglite <data-dir>
//   node bench/exchange-baseline-server.ts <port> postgres <database-url>
import { createServer } from 'node:http';
import { openPglite } from '../src/storage/pglite-database.ts';
import { openPostgres } from '../src/storage/postgres-database.ts';

const [portArg, kind, location] = process.argv.slice(2);
if (!portArg || !location || (kind !== 'pglite' && kind !== 'postgres')) {
  console.error('usage: exchange-baseline-server.ts <port> pglite|postgres <data-dir|database-url>');
  process.exit(2);
}

const db = kind === 'pglite' ? await openPglite(location) : openPostgres(location);
await db.query(`CREATE TABLE IF NOT EXISTS baseline_received (
  id bigserial PRIMARY KEY, body text NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`);

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') return void res.writeHead(200).end('ok');
  if (req.method !== 'POST') return void res.writeHead(405).end();
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    db.query('INSERT INTO baseline_received (body) VALUES ($1) RETURNING id', [
      Buffer.concat(chunks).toString('utf8'),
    ]).then(
      (r) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: (r.rows[0] as { id: string }).id }));
      },
      (e: Error) => res.writeHead(500).end(e.message),
    );
  });
});
server.listen(Number(portArg), '127.0.0.1');

const shutdown = (): void => {
  server.close(() => void db.close().finally(() => process.exit(0)));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
