// schakel partner add|list, directory register and keys rotate — connecting to companies hosted on
// other nodes, directly or through a directory node.
// `partner add` fetches the partner's card, shows its key fingerprint and pins the key only after the
// person confirms it (or the script passes the expected fingerprint with --fingerprint).
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { CliError, withHints } from './cli-errors.ts';
import { dataOption, out, parsePositiveInt, resolveCompany, table, withServices } from './cli-context.ts';

interface AddOptions {
  participant: string;
  directory?: string;
  fingerprint?: string;
  yes?: boolean;
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

  dataOption(
    partner
      .command('add [node-url]')
      .description(
        "fetch a partner's card from its node (or a directory), check the key fingerprint and pin it",
      )
      .requiredOption('--participant <scheme:value>', 'the partner company, e.g. 0106:12345678')
      .option('--directory <url>', 'look the card up at this directory node instead of the partner’s node')
      .option('--fingerprint <fp>', 'the key fingerprint you got from the partner (for scripts)')
      .option('--yes', 'pin whatever key the card shows, without asking (trust on first use)'),
  ).action(
    withHints(
      {
        participant: '--participant',
        fingerprint: '--fingerprint',
        nodeUrl: '<node-url>',
        directoryUrl: '--directory',
      },
      async (nodeUrl: string | undefined, opts: AddOptions, cmd: Command) => {
        if (!nodeUrl === !opts.directory)
          throw new CliError("give either the partner node's URL or --directory <url>, not both");
        const added = await withServices(cmd, async (services) => {
          const fetched = opts.directory
            ? await services.fetchPartnerCard(opts.directory, opts.participant, { viaDirectory: true })
            : await services.fetchPartnerCard(nodeUrl!, opts.participant);
          process.stderr.write(
            `${fetched.card.name} (${fetched.card.participant}) at ${fetched.card.endpoint}\nkey fingerprint: ${fetched.fingerprint}\n`,
          );
          let confirmed = opts.fingerprint;
          if (!confirmed && opts.yes) confirmed = fetched.fingerprint;
          if (!confirmed) {
            if (!(await confirm('Does this fingerprint match what the partner gave you? [y/N] ')))
              throw new CliError(
                'not pinned: confirm the fingerprint interactively, or pass --fingerprint <fp> (or --yes)',
              );
            confirmed = fetched.fingerprint;
          }
          return services.pinPartner(fetched, confirmed);
        });
        out(`pinned ${added.partner.participant} (${added.company.name}) at ${added.partner.endpointUrl}`);
      },
    ),
  );

  dataOption(
    partner.command('list').description('list the partners on other nodes and their pinned keys'),
  ).action(async (_opts: unknown, cmd: Command) => {
    const partners = await withServices(cmd, (services) => services.listRemotePartners());
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
      },
    ),
  );
}
