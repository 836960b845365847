// Two real node processes that trade with each other, for the reliability scenarios: a buyer company on
// node A, a supplier on node B, each registered with the CLI and given an API token, and each pinned
// as the other's remote partner with `schakel partner add --fingerprint` (the fingerprint read off the
// partner's own card, as a person would get it from the partner). PGlite or PostgreSQL per node.
import type { JWK } from 'jose';
import { fingerprint } from '../../../src/network/keys.ts';
import { launchNode, type NodeProcess, type TestHooks } from './node-process.ts';

export const BUYER = '0088:8712345678906';
export const SELLER = '0106:12345678';

/** Settings that compress the outbox worker's time for a test run (see src/cli/delivery-settings.ts). */
export const FAST_DELIVERY: Record<string, string> = {
  SCHAKEL_DELIVERY_INTERVAL_MS: '100',
  SCHAKEL_DELIVERY_BATCH: '50',
  SCHAKEL_RETRY_BASE_MS: '100',
  SCHAKEL_RETRY_CAP_MS: '2000',
  SCHAKEL_BREAKER_THRESHOLD: '5',
  SCHAKEL_BREAKER_COOLDOWN_MS: '1000',
};

export interface TradingPair {
  /** Node A: hosts the buyer. */
  buyer: NodeProcess;
  /** Node B: hosts the supplier. */
  seller: NodeProcess;
  /** API token of the buyer (purchasing) on A. */
  buyerToken: string;
  /** API token of the supplier (sales) on B. */
  sellerToken: string;
}

export interface TradingPairOptions {
  /** Prefix of the node names in the logs, e.g. "pglite". */
  label: string;
  /** PostgreSQL URLs of A and B (a schema each); PGlite data directories when absent. */
  databaseUrls?: readonly [string, string];
  /** Extra environment of both nodes (on top of FAST_DELIVERY). */
  env?: Record<string, string>;
  /** Extra environment per node. */
  buyerEnv?: Record<string, string>;
  sellerEnv?: Record<string, string>;
  /** Ports to use (e.g. known to a proxy set up before); default free ones. */
  ports?: readonly [number, number];
  /** The URL a partner pins for `node` (default its own URL; a fault proxy in front of it otherwise). */
  endpointOf?: (node: NodeProcess) => string;
}

/** The fingerprint of the newest key on `participant`'s card, served by its own node. */
async function ownFingerprint(node: NodeProcess, participant: string): Promise<string> {
  const r = await fetch(`${node.url}/.well-known/schakel/participants/${participant}`);
  if (r.status !== 200) throw new Error(`card of ${participant} on ${node.name}: HTTP ${r.status}`);
  const card = (await r.json()) as { keys: { jwk: JWK; validFrom: string }[] };
  const newest = [...card.keys].sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0]!;
  return fingerprint(newest.jwk);
}

/** Registers a company and returns a token of it with `role`. */
async function company(node: NodeProcess, name: string, id: string, role: string): Promise<string> {
  await node.cliOk(['company', 'add', '--name', name, '--id', id]);
  return node.cliOk(['token', 'create', '--company', id, '--role', role]);
}

/**
 * Launches A and B, registers the companies and pins each as the other's partner; both nodes run when
 * it resolves. On PGlite the CLI may only touch a stopped node's store, hence the stop/start dance.
 */
export async function setUpTradingPair(options: TradingPairOptions, test: TestHooks): Promise<TradingPair> {
  const env = (own?: Record<string, string>) => ({ ...FAST_DELIVERY, ...options.env, ...own });
  const [buyer, seller] = await Promise.all([
    launchNode(
      {
        name: `${options.label}-A-buyer`,
        databaseUrl: options.databaseUrls?.[0],
        port: options.ports?.[0],
        env: env(options.buyerEnv),
      },
      test,
    ),
    launchNode(
      {
        name: `${options.label}-B-supplier`,
        databaseUrl: options.databaseUrls?.[1],
        port: options.ports?.[1],
        env: env(options.sellerEnv),
      },
      test,
    ),
  ]);
  const endpointOf = options.endpointOf ?? ((n: NodeProcess) => n.url);
  const [buyerToken, sellerToken] = await Promise.all([
    company(buyer, 'Machinefabriek Noord BV', BUYER, 'purchasing'),
    company(seller, 'Draaierij Zuid BV', SELLER, 'sales'),
  ]);
  await seller.start();
  const sellerFp = await ownFingerprint(seller, SELLER);
  await buyer.cliOk([
    'partner',
    'add',
    endpointOf(seller),
    '--participant',
    SELLER,
    '--fingerprint',
    sellerFp,
  ]);
  await buyer.start();
  const buyerFp = await ownFingerprint(buyer, BUYER);
  if (!seller.databaseUrl) await seller.stop();
  await seller.cliOk(['partner', 'add', endpointOf(buyer), '--participant', BUYER, '--fingerprint', buyerFp]);
  if (!seller.running) await seller.start();
  return { buyer, seller, buyerToken, sellerToken };
}
