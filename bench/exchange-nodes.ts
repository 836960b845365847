// Two real Schakel nodes for `npm run bench -- exchange`: node A hosts the buyer, node B the supplier,
// each a separate `node src/cli/main.ts start` process on loopback with its own store (a PGlite data
// directory, or a fresh PostgreSQL schema each). Keys are pinned both ways with `schakel partner add
// --fingerprint`, the fingerprint computed from the partner's card, as a script would.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { JWK } from 'jose';
import { fingerprint } from '../src/network/keys.ts';
import { cardPath } from '../src/network/http-transport.ts';
import { openPglite } from '../src/storage/pglite-database.ts';
import { cli, freePort, freshSchema, peakRssMiB, startNodeProcess, stop } from './bench-support.ts';

export type StoreKind = 'pglite' | 'postgres';

export const BUYER = '0106:11111111';
export const SUPPLIER = '0106:22222222';

/** One outbox row of the buyer's node, as read after the run. */
export interface OutboxTiming {
  conversationId: string;
  status: string;
  attempts: number;
  createdAt: number;
  deliveredAt: number | null;
  envelope: string;
}

interface Side {
  name: 'a' | 'b';
  port: number;
  url: string;
  env: NodeJS.ProcessEnv;
  data: string[];
  dir: string | null;
  schema: { url: string; drop: () => Promise<void> } | null;
  child: ChildProcess | null;
}

export interface NodePair {
  a: string;
  b: string;
  token: string;
  /** Peak RSS (MiB) of both node processes so far. */
  peakRss(): { a: number | null; b: number | null };
  /** Stops both nodes and reads the buyer's outbox (PGlite allows one process per data directory). */
  stopAndReadOutbox(): Promise<OutboxTiming[]>;
  /** Stops the nodes (if running) and removes their data. */
  cleanup(): Promise<void>;
}

const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : Date.parse(String(v)));

async function side(name: 'a' | 'b', store: StoreKind, pgUrl: string | null): Promise<Side> {
  const port = await freePort();
  if (store === 'postgres') {
    const schema = await freshSchema(pgUrl!, `schakel_benchx_${name}_${process.pid}`);
    return {
      name,
      port,
      url: `http://127.0.0.1:${port}`,
      env: { DATABASE_URL: schema.url },
      data: [],
      dir: null,
      schema,
      child: null,
    };
  }
  const dir = mkdtempSync(join(tmpdir(), `schakel-benchx-${name}-`));
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    env: { DATABASE_URL: '' },
    data: ['--data', dir],
    dir,
    schema: null,
    child: null,
  };
}

async function start(s: Side): Promise<void> {
  s.child = await startNodeProcess(s.data, s.env, s.port);
}

async function halt(s: Side): Promise<void> {
  if (s.child) await stop(s.child);
  s.child = null;
}

/** The fingerprint of the newest key on a participant's card. */
async function cardFingerprint(nodeUrl: string, participant: string): Promise<string> {
  const r = await fetch(`${nodeUrl}${cardPath(participant)}`);
  if (!r.ok) throw new Error(`card of ${participant}: HTTP ${r.status}`);
  const card = (await r.json()) as { keys: { jwk: JWK; validFrom: string }[] };
  const newest = [...card.keys].sort((x, y) => y.validFrom.localeCompare(x.validFrom))[0];
  if (!newest) throw new Error(`card of ${participant} has no keys`);
  return fingerprint(newest.jwk);
}

/**
 * Pins `participant` of the node at `other` in `s`'s store. PGlite allows one process per data
 * directory, so there `s` is stopped for the command and started again; PostgreSQL needs no stop.
 */
async function pin(s: Side, other: Side, participant: string): Promise<void> {
  const fp = await cardFingerprint(other.url, participant);
  if (s.dir) await halt(s);
  await cli(
    ['partner', 'add', other.url, '--participant', participant, '--fingerprint', fp, ...s.data],
    s.env,
  );
  if (s.dir) await start(s);
}

/** Sets up and starts the two nodes; the caller must call cleanup(). */
export async function startPair(store: StoreKind, pgUrl: string | null): Promise<NodePair> {
  const a = await side('a', store, pgUrl);
  const b = await side('b', store, pgUrl);
  const cleanup = async (): Promise<void> => {
    await Promise.all([halt(a), halt(b)]);
    for (const s of [a, b]) {
      if (s.dir) rmSync(s.dir, { recursive: true, force: true });
      await s.schema?.drop();
    }
  };
  try {
    const [token] = await Promise.all([
      cli(['company', 'add', '--name', 'Bench Koper BV', '--id', BUYER, ...a.data], a.env).then(() =>
        cli(['token', 'create', '--company', BUYER, '--name', 'bench', ...a.data], a.env),
      ),
      cli(['company', 'add', '--name', 'Bench Leverancier BV', '--id', SUPPLIER, ...b.data], b.env),
    ]);
    await Promise.all([start(a), start(b)]);
    await pin(a, b, SUPPLIER);
    await pin(b, a, BUYER);
    return {
      a: a.url,
      b: b.url,
      token,
      peakRss: () => ({
        a: a.child?.pid ? peakRssMiB(a.child.pid) : null,
        b: b.child?.pid ? peakRssMiB(b.child.pid) : null,
      }),
      stopAndReadOutbox: async () => {
        await Promise.all([halt(a), halt(b)]);
        return readOutbox(a);
      },
      cleanup,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

async function readOutbox(a: Side): Promise<OutboxTiming[]> {
  const sql = `SELECT conversation_id, status, attempts, created_at, delivered_at, envelope FROM outbox`;
  let rows: Record<string, unknown>[];
  if (a.dir) {
    const db = await openPglite(a.dir);
    try {
      rows = (await db.query<Record<string, unknown>>(sql)).rows;
    } finally {
      await db.close();
    }
  } else {
    const client = new pg.Client({ connectionString: a.schema!.url });
    await client.connect();
    try {
      rows = (await client.query<Record<string, unknown>>(sql)).rows;
    } finally {
      await client.end();
    }
  }
  return rows.map((r) => ({
    conversationId: String(r.conversation_id),
    status: String(r.status),
    attempts: Number(r.attempts),
    createdAt: ms(r.created_at),
    deliveredAt: r.delivered_at == null ? null : ms(r.delivered_at),
    envelope: String(r.envelope),
  }));
}
