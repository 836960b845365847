// schakel demo --nodes N: the demo chain spread over N node processes on consecutive ports, each with its
// own data directory, connected as partners, so that orders between companies on different nodes travel
// as signed envelopes.
//
// Seeding: the stories play "days ago" (see seed-demo.ts). They are replayed through the real network
// path — each step on the node of the company that takes it, its envelope delivered over HTTP and
// applied on the partner's node before the next step — so both copies of every cross-node order, their
// inbox/outbox sequence numbers and receipts are exactly what live use would have produced. The replay
// runs in this process, with the N nodes listening on their final ports (the cards, and so the pinned
// endpoints, carry those URLs), because a receiving node refuses envelopes older than 5 minutes: only
// during this replay the window is widened to the age of the oldest story. Then the N nodes close and
// are started again as child processes (`schakel start`) with the normal window.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoCompanyKey, DemoSeedResult } from '../demo/seed-demo.ts';
import { DEMO_COMPANY_KEYS, demoIdentifier, seedDemo } from '../demo/seed-demo.ts';
import { defaultNetworkDeps } from '../app/node.ts';
import { CliError } from './cli-errors.ts';
import { startNode, type RunningNode } from './start-node.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
/** Older than the oldest demo story (companies are registered 60 days back). */
const REPLAY_WINDOW_MS = 90 * 24 * 3600_000;

export interface DemoNodesOptions {
  nodes: number;
  /** Parent directory; node i keeps its data in `<dataDir>/node-<i>-of-<N>`. */
  dataDir: string;
  /** Port of node 1; node i listens on port + i - 1 (0: free ports). */
  port: number;
  host: string;
}

export interface DemoNode {
  /** 1-based. */
  index: number;
  url: string;
  port: number;
  dataDir: string;
  companies: DemoCompanyKey[];
}

/** Which node (0-based) hosts a demo company: round-robin in chain order, so neighbours differ. */
export const nodeIndexOf = (key: DemoCompanyKey, nodes: number): number =>
  DEMO_COMPANY_KEYS.indexOf(key) % nodes;

/** Every node pins the companies of all other nodes (what `schakel partner add` does by hand). */
async function connect(running: RunningNode[], n: number): Promise<void> {
  for (const [i, node] of running.entries()) {
    for (const key of DEMO_COMPANY_KEYS) {
      const home = running[nodeIndexOf(key, n)]!;
      if (home === node) continue;
      const participant = demoIdentifier(key);
      const [scheme, value] = participant.split(':') as [string, string];
      const known = await node.services.deps.store.companies.findByIdentifier(scheme, value);
      if (known) {
        const remote = await node.services.deps.store.partners.getRemote(known.id);
        if (remote?.endpointUrl !== home.url)
          throw new CliError(
            `node ${i + 1} knows ${participant} at ${remote?.endpointUrl ?? 'this node'}, not at ${home.url}: ` +
              'run the demo with the same --port and --host as before, or with a fresh --data directory',
          );
        continue;
      }
      // Both nodes run in this process: the card cannot have been tampered with on the way.
      const fetched = await node.services.fetchPartnerCard(home.url, participant);
      await node.services.pinPartner(fetched, fetched.fingerprint);
    }
  }
}

/** Delivers everything `node` sent; refuses to go on when a message was not delivered or not applied. */
async function deliver(node: RunningNode, all: RunningNode[]): Promise<void> {
  await node.outbox.drain();
  const store = node.services.deps.store;
  for (const company of await store.companies.list()) {
    const stuck = (await store.outbox.listByCompany(company.id)).find((m) => m.status !== 'delivered');
    if (stuck)
      throw new Error(
        `demo seed: ${stuck.documentType} of ${company.name} to node ${stuck.endpointUrl} was not delivered: ${stuck.lastError ?? stuck.status}`,
      );
  }
  for (const other of all) {
    const otherStore = other.services.deps.store;
    for (const company of await otherStore.companies.list()) {
      const failed = (await otherStore.inbox.listByReceiver(company.id)).find((m) => m.status !== 'applied');
      if (failed)
        throw new Error(
          `demo seed: ${failed.documentType} to ${company.name} was ${failed.status}: ${JSON.stringify(failed.result)}`,
        );
    }
  }
}

/** Creates (or completes) the demo chain over N data directories; returns what to announce. */
export async function seedDemoNodes(
  options: DemoNodesOptions,
): Promise<{ demo: DemoSeedResult; nodes: DemoNode[] }> {
  const n = options.nodes;
  const running: RunningNode[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const dataDir = resolve(join(options.dataDir, `node-${i + 1}-of-${n}`));
      running.push(
        await startNode({
          dataDir,
          port: options.port === 0 ? 0 : options.port + i,
          host: options.host,
          deliveryIntervalMs: 0,
          command: `demo --nodes ${n} (seeding)`,
          deps: { network: { ...defaultNetworkDeps(() => new Date()), windowMs: REPLAY_WINDOW_MS } },
        }),
      );
    }
    const nodeOf = (key: DemoCompanyKey): RunningNode => running[nodeIndexOf(key, n)]!;
    const demo = await seedDemo(running[0]!.services, {
      placement: {
        servicesOf: (key) => nodeOf(key).services,
        settle: (key) => deliver(nodeOf(key), running),
        companiesReady: () => connect(running, n),
      },
    });
    const nodes = running.map((node, i) => ({
      index: i + 1,
      url: node.url,
      port: node.port,
      dataDir: resolve(join(options.dataDir, `node-${i + 1}-of-${n}`)),
      companies: DEMO_COMPANY_KEYS.filter((key) => nodeIndexOf(key, n) === i),
    }));
    return { demo, nodes };
  } finally {
    for (const node of running) await node.close();
  }
}

interface Child {
  node: DemoNode;
  process: ChildProcess;
  exited: Promise<number | null>;
  log: string[];
}

/** Starts `schakel start` for one seeded node; resolves once it announced its URL. */
function startChild(node: DemoNode, host: string): Promise<Child> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, MAIN, 'start', '--data', node.dataDir, '--port', String(node.port), '--host', host],
    // Own process group: Ctrl+C reaches only this process, which stops the nodes one by one, once.
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: '' } },
  );
  const log: string[] = [];
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return new Promise((resolveChild, reject) => {
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      log.push(d.toString());
      if (/listening on /.test(stdout)) resolveChild({ node, process: child, exited, log });
    });
    child.stderr.on('data', (d: Buffer) => {
      log.push(d.toString());
      // Every line names its node: the nodes' messages interleave on one terminal.
      process.stderr.write(d.toString().replace(/^(?=.)/gm, `[node ${node.index}] `));
    });
    child.on('error', reject);
    void exited.then((code) =>
      reject(new CliError(`node ${node.index} exited with ${code} while starting: ${log.join('').trim()}`)),
    );
  });
}

/** Stops every child with SIGTERM and waits for them. */
async function stopChildren(children: Child[]): Promise<void> {
  for (const c of children) if (c.process.exitCode === null) c.process.kill('SIGTERM');
  await Promise.all(children.map((c) => c.exited));
}

/** Runs the seeded nodes as child processes until SIGINT/SIGTERM (or until one of them stops). */
export async function runDemoNodes(
  options: DemoNodesOptions,
  announce: (demo: DemoSeedResult, nodes: DemoNode[]) => void,
): Promise<void> {
  const { demo, nodes } = await seedDemoNodes(options);
  const children: Child[] = [];
  // Should this process end some other way, the nodes (in their own process groups) must not stay behind.
  const killAll = (): void => {
    for (const c of children) if (c.process.exitCode === null) c.process.kill('SIGTERM');
  };
  process.on('exit', killAll);
  let stop: (reason: string) => void = () => undefined;
  const stopped = new Promise<string>((r) => (stop = r));
  const onSignal = (signal: NodeJS.Signals): void => stop(signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    for (const node of nodes) children.push(await startChild(node, options.host));
    for (const c of children)
      void c.exited.then((code) => stop(`node ${c.node.index} stopped (exit code ${code})`));
    announce(demo, nodes);
    const reason = await stopped;
    process.stderr.write(`${reason}: stopping ${children.length} nodes…\n`);
    await stopChildren(children);
    process.stderr.write('Stopped.\n');
    if (!/^SIG/.test(reason)) throw new CliError(`the demo stopped because ${reason}`);
  } catch (e) {
    await stopChildren(children);
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', killAll);
  }
}

/** What `schakel demo --nodes N` prints: per node its URL and companies, per company its logins and token. */
export function formatDemoNodes(demo: DemoSeedResult, nodes: DemoNode[]): string {
  const c = demo.created;
  const lines = [
    `Schakel demo on ${nodes.length} nodes — stop all with Ctrl+C`,
    c.companies + c.users + c.orders === 0
      ? 'The demo chain was already there; nothing was added.'
      : `Added ${c.companies} companies, ${c.users} users and ${c.orders} orders; orders between nodes went through the network.`,
    '',
  ];
  for (const node of nodes) {
    const names = node.companies.map((key) => demo.companies.find((co) => co.key === key)!.name);
    lines.push(`node ${node.index}  ${node.url}  (${node.dataDir})  ${names.join(', ')}`);
  }
  lines.push('', `Log in on a company's node with any e-mail below; the password is ${demo.password}`);
  for (const company of demo.companies) {
    const node = nodes.find((x) => x.companies.includes(company.key))!;
    lines.push(
      '',
      `${company.name} — ${company.tier} — ${company.identifier} — node ${node.index} ${node.url}`,
    );
    for (const u of company.users) lines.push(`  ${u.role.padEnd(11)} ${u.email}  ${u.name}`);
    lines.push(`  ${'API token'.padEnd(11)} ${company.token}`);
  }
  return lines.join('\n');
}
