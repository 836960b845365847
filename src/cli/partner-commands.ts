// schakel partner add|list, directory register and keys rotate — connecting to companies hosted on
// other nodes, directly or through a directory node.
// `partner add` fetches the partner's card, shows its key fingerprint and pins the key only after the
// person confirms it (or the script passes the expected fingerprint with --fingerprint). While a node
// runs on the data directory (PGlite is one process per directory), or with --node, it does this
// through that node's API with an admin API token instead of opening the store.
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';

import type { FetchedCard, Partner } from '../app/partners/index.ts';
import { CliError, withHints } from './cli-errors.ts';
import {
  dataOption,
  out,
  parsePositiveInt,
  resolveCompany,
  storeLocation,
  table,
  withServices,
} from './cli-context.ts';
import { lockHolder } from './data-lock.ts';
import { NodeApiClient } from './node-api-client.ts';

interface NodeOptions {
  node?: string;
  token?: string;
}

interface AddOptions extends NodeOptions {
  participant: string;
  directory?: string;
  fingerprint?: string;
  yes?: boolean;
}

/** --node and --token: reach a running node through its API. */
const nodeOptions = (cmd: Command): Command =>
  cmd
    .option(
      '--node <url>',
      'do it through the API of this running node (default: the node running on --data)',
    )
    .option('--token <token>', 'admin API token for the running node (default: $SCHAKEL_TOKEN)');

const ADD_HINTS = { participant: '--participant', fingerprint: '--fingerprint', nodeUrl: '<node-url>' };

/** The running node to ask instead of the store: --node, or the node that holds the data directory. */
function runningNodeApi(cmd: Command, opts: NodeOptions): NodeApiClient | null {
  const token = opts.token ?? (process.env.SCHAKEL_TOKEN?.trim() || undefined);
  let nodeUrl = opts.node;
  if (!nodeUrl) {
    const { dataDir, databaseUrl } = storeLocation(cmd);
    // PostgreSQL can be shared by several processes: no need to go through the node.
    const holder = databaseUrl ? null : lockHolder(resolve(dataDir));
    if (!holder) return null;
    if (!holder.url)
      throw new CliError(
        `the data directory ${dataDir} is in use by process ${holder.pid} (schakel ${holder.command}), which serves no API; ` +
          'stop it, or pass --node <url of the node> and --token',
      );
    nodeUrl = holder.url;
  }
  if (!token)
    throw new CliError(
      `the node at ${nodeUrl} is running: pass an API token of a company on it (admin, to add partners) with --token <token> or SCHAKEL_TOKEN ` +
        '(create one in the web app, or with "schakel token create --role admin" while the node is stopped)',
    );
  return new NodeApiClient(nodeUrl, token, ADD_HINTS);
}

/** Prints the card and returns the fingerprint to pin: --fingerprint, --yes, or the person's confirmation. */
async function confirmedFingerprint(fetched: FetchedCard, opts: AddOptions): Promise<string> {
  process.stderr.write(
    `${fetched.card.name} (${fetched.card.participant}) at ${fetched.card.endpoint}\nkey fingerprint: ${fetched.fingerprint}\n`,
  );
  if (opts.fingerprint) return opts.fingerprint;
  if (opts.yes) return fetched.fingerprint;
  if (!(await confirm('Does this fingerprint match what the partner gave you? [y/N] ')))
    throw new CliError(
      'not pinned: confirm the fingerprint interactively, or pass --fingerprint <fp> (or --yes)',
    );
  return fetched.fingerprint;
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^(y|yes|j|ja)$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export function registerPartnerCommands(program: Command): void {
  const partner = program.command('partner').description('partners hosted on other Schakel nodes');

  const add = dataOption(
    partner
      .command('add [node-url]')
      .description(
        "fetch a partner's card from its node (or a directory), check the key fingerprint and pin it",
      )
      .requiredOption('--participant <scheme:value>', 'the partner company, e.g. 0106:12345678')
      .option('--directory <url>', 'look the card up at this directory node instead of the partner’s node')
      .option('--fingerprint <fp>', 'the key fingerprint you got from the partner (for scripts)')
      .option('--yes', 'pin whatever key the card shows, without asking (trust on first use)'),
  );
  nodeOptions(add).action(
    withHints(
      { ...ADD_HINTS, directoryUrl: '--directory' },
      async (nodeUrl: string | undefined, opts: AddOptions, cmd: Command) => {
        if (!nodeUrl === !opts.directory)
          throw new CliError("give either the partner node's URL or --directory <url>, not both");
        const viaDirectory = opts.directory !== undefined;
        const cardUrl = opts.directory ?? nodeUrl!;
        const api = runningNodeApi(cmd, opts);
        if (api) {
          const request = { nodeUrl: cardUrl, participant: opts.participant, viaDirectory };
          const fetched = await api.post<FetchedCard>('/partners/preview', request);
          const fingerprint = await confirmedFingerprint(fetched, opts);
          const added = await api.post<Partner>('/partners', { ...request, fingerprint });
          out(
            `pinned ${added.remote?.participant ?? opts.participant} (${added.name}) at ${added.remote?.endpointUrl ?? cardUrl}`,
          );
          return;
        }
        const added = await withServices(cmd, async (services) => {
          const fetched = await services.fetchPartnerCard(cardUrl, opts.participant, { viaDirectory });
          return services.pinPartner(fetched, await confirmedFingerprint(fetched, opts));
        });
        out(`pinned ${added.partner.participant} (${added.company.name}) at ${added.partner.endpointUrl}`);
      },
    ),
  );

  nodeOptions(
    dataOption(partner.command('list').description('list the partners on other nodes and their pinned keys')),
  ).action(async (opts: NodeOptions, cmd: Command) => {
    const api = runningNodeApi(cmd, opts);
    const partners = api
      ? (await api.get<{ items: Partner[] }>('/partners')).items.flatMap((p) =>
          p.remote ? [{ ...p.remote, name: p.name }] : [],
        )
      : await withServices(cmd, (services) => services.listRemotePartners());
    out(
      table(
        ['participant', 'name', 'node', 'key fingerprints'],
        partners.map((p) => [p.participant, p.name, p.endpointUrl, p.fingerprints.join(', ')]),
      ),
    );
  });

  const directory = program.command('directory').description('directory nodes that serve partner cards');
  dataOption(
    directory
      .command('register <directory-url>')
      .description("publish a company's signed card at a directory node, where partners can look it up")
      .requiredOption('--company <scheme:value>', 'identifier of the company')
      .option('--endpoint <url>', "this node's URL as partners reach it (the card's endpoint)"),
  ).action(
    withHints(
      { company: '--company', endpoint: '--endpoint', directoryUrl: '<directory-url>' },
      async (directoryUrl: string, opts: { company: string; endpoint?: string }, cmd: Command) => {
        const registered = await withServices(cmd, async (services) => {
          const company = await resolveCompany(services, opts.company);
          return services.registerAtDirectory(company.id, directoryUrl, opts.endpoint);
        });
        out(
          `${registered.replaced ? 'updated' : 'registered'} ${registered.participant} at ${directoryUrl} (card issued ${registered.issuedAt})`,
        );
      },
    ),
  );

  const keys = program.command('keys').description("signing keys of this node's companies");
  dataOption(
    keys
      .command('rotate')
      .description('create a new signing key; the old one stays valid for the grace period')
      .requiredOption('--company <scheme:value>', 'identifier of the company')
      .option('--grace-days <n>', 'days the old key stays valid', parsePositiveInt, 7),
  ).action(
    withHints(
      { company: '--company' },
      async (opts: { company: string; graceDays: number }, cmd: Command) => {
        const rotated = await withServices(cmd, async (services) => {
          const company = await resolveCompany(services, opts.company);
          return services.rotateSigningKey(company.id, opts.graceDays * 24 * 60 * 60_000);
        });
        out(`new key fingerprint: ${rotated.fingerprint}`);
        if (rotated.announcedTo.length > 0)
          out(`new keys announced to: ${rotated.announcedTo.join(', ')} (sent by the node's outbox)`);
        if (rotated.directoriesToRefresh.length > 0)
          out(
            `card to register again at: ${rotated.directoriesToRefresh.join(', ')} (done by the running node)`,
          );
      },
    ),
  );
}
