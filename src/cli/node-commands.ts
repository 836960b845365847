// schakel start | demo — run a node until SIGINT/SIGTERM, then close the server and the store.
import type { Command } from 'commander';
import type { DemoSeedResult } from '../demo/seed-demo.ts';
import { CliError } from './cli-errors.ts';
import { commandPath, dataOption, out, parsePort, parsePositiveInt, storeLocation } from './cli-context.ts';
import { deliverySettingsFromEnv } from './delivery-settings.ts';
import type { RunningNode, StartNodeOptions } from './start-node.ts';

export const DEFAULT_PORT = 4800;

/** $PORT when it is a valid port (hosting platforms set it), else 4800. */
function defaultPort(): number {
  const env = process.env.PORT;
  return env && /^\d+$/.test(env) && Number(env) <= 65535 ? Number(env) : DEFAULT_PORT;
}

interface ServeOptions {
  port: number;
  host: string;
  log?: boolean;
  directory?: boolean;
}

/** Resolves on the first SIGINT/SIGTERM; a second one exits at once. */
function stopSignals(): { stopped: Promise<NodeJS.Signals>; dispose(): void } {
  let resolve: (signal: NodeJS.Signals) => void = () => undefined;
  const stopped = new Promise<NodeJS.Signals>((r) => (resolve = r));
  let received = 0;
  const handler = (signal: NodeJS.Signals): void => {
    if (++received === 1) return resolve(signal);
    process.stderr.write(`${signal} again: exiting without waiting for the node to close\n`);
    process.exit(1);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    stopped,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

/** Starts the node, announces it, waits for a stop signal, closes. */
async function serve(
  cmd: Command,
  opts: ServeOptions,
  announce: (node: RunningNode) => void,
  prepare?: StartNodeOptions['prepare'],
): Promise<void> {
  const signals = stopSignals();
  try {
    let node: RunningNode;
    try {
      // Loaded on demand, so that --help does not load the HTTP server and the database.
      const { startNode } = await import('./start-node.ts');
      node = await startNode({
        ...storeLocation(cmd),
        port: opts.port,
        host: opts.host,
        logger: opts.log ?? false,
        directory: opts.directory ?? false,
        prepare,
        command: commandPath(cmd),
        ...deliverySettingsFromEnv(process.env),
      });
    } catch (e) {
      // Found before the store is opened (start-node.ts): nothing was locked or created.
      if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new CliError(
          `port ${opts.port} on ${opts.host} is already in use; ` +
            `choose another with --port (e.g. --port ${opts.port === 65535 ? 4800 : opts.port + 1}, or --port 0 for a free one)`,
        );
      }
      throw e;
    }
    announce(node);
    const signal = await signals.stopped;
    process.stderr.write(`${signal} received: stopping the node…\n`);
    await node.close();
    process.stderr.write('Stopped.\n');
  } finally {
    signals.dispose();
  }
}

const serveOptions = (cmd: Command): Command =>
  dataOption(cmd)
    .option('--port <n>', 'TCP port; 0 picks a free one (default: $PORT or 4800)', parsePort, defaultPort())
    .option('--host <host>', 'interface to listen on; 0.0.0.0 serves the whole network', '127.0.0.1')
    .option('--log', 'log every HTTP request (JSON lines)');

/** What `schakel demo` prints: URL, logins and one API token per company. */
export function formatDemo(node: Pick<RunningNode, 'url' | 'storage'>, demo: DemoSeedResult): string {
  const c = demo.created;
  const seeded =
    c.companies + c.users + c.orders === 0
      ? 'The demo chain was already there; nothing was added.'
      : `Added ${c.companies} companies, ${c.users} users and ${c.orders} orders.`;
  const lines = [
    `Schakel demo node listening on ${node.url} (${node.storage}) — stop with Ctrl+C`,
    `${seeded} Every run issues new "demo" API tokens and revokes the previous ones.`,
    '',
    `Log in with any e-mail below; the password is ${demo.password}`,
  ];
  const emailWidth = Math.max(...demo.companies.flatMap((co) => co.users.map((u) => u.email.length)));
  for (const company of demo.companies) {
    lines.push('', `${company.name} — ${company.tier}, ${company.city} — ${company.identifier}`);
    for (const u of company.users) {
      lines.push(`  ${u.role.padEnd(11)} ${u.email.padEnd(emailWidth)}  ${u.name}`);
    }
    lines.push(`  ${'API token'.padEnd(11)} ${company.token}`);
  }
  lines.push('', `Send a token as "Authorization: Bearer <token>". Check the node: curl ${node.url}/healthz`);
  return lines.join('\n');
}

export function registerNodeCommands(program: Command): void {
  serveOptions(
    program
      .command('start')
      .description('run a node: the HTTP API over the store in --data (or DATABASE_URL)'),
  )
    .option(
      '--directory',
      'also serve as a directory: cards other nodes register here (default: $SCHAKEL_DIRECTORY=1)',
      process.env.SCHAKEL_DIRECTORY === '1' || process.env.SCHAKEL_DIRECTORY === 'true',
    )
    .action(async (opts: ServeOptions, cmd: Command) => {
      await serve(cmd, opts, (node) =>
        out(
          `Schakel ${opts.directory ? 'node and directory' : 'node'} listening on ${node.url} (${node.storage}) — stop with Ctrl+C`,
        ),
      );
    });

  serveOptions(
    program
      .command('demo')
      .description(
        'create the demo supply chain (five Dutch companies, orders in every state) if missing, then run the node',
      ),
  )
    .option(
      '--nodes <n>',
      'spread the chain over n node processes (ports --port, --port+1, …; data in <data>/node-<i>-of-<n>)',
      parsePositiveInt,
      1,
    )
    .action(async (opts: ServeOptions & { nodes: number }, cmd: Command) => {
      if (!['127.0.0.1', 'localhost', '::1'].includes(opts.host)) {
        process.stderr.write(
          `warning: the demo logins and tokens are printed and widely known; ${opts.host} exposes them to the network\n`,
        );
      }
      if (opts.nodes > 1) {
        const { dataDir, databaseUrl } = storeLocation(cmd);
        if (databaseUrl)
          throw new CliError('demo --nodes gives every node its own PGlite directory: unset DATABASE_URL');
        if (opts.nodes > 5) throw new CliError('the demo chain has 5 companies: --nodes is at most 5');
        const { formatDemoNodes, runDemoNodes } = await import('./demo-nodes.ts');
        await runDemoNodes({ nodes: opts.nodes, dataDir, port: opts.port, host: opts.host }, (demo, nodes) =>
          out(formatDemoNodes(demo, nodes)),
        );
        return;
      }
      let demo: DemoSeedResult | undefined;
      await serve(
        cmd,
        opts,
        (node) => out(formatDemo(node, demo!)),
        async (services) => {
          const { seedDemo } = await import('../demo/seed-demo.ts');
          demo = await seedDemo(services);
        },
      );
    });
}
