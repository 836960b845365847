// schakel company add | list — the companies hosted on this node.
import type { Command } from 'commander';
import type { Company, CompanyIdentifier } from '../domain/company-types.ts';
import { parseIdentifier } from '../domain/identifiers.ts';
import { withHints } from './cli-errors.ts';
import { collect, dataOption, out, printJson, table, withServices } from './cli-context.ts';

const SCHEME_NAMES: Record<string, string> = {
  '0088': 'GLN',
  '0106': 'KvK',
  '0190': 'OIN',
  '9944': 'VAT NL',
  '0208': 'KBO',
  '0204': 'Leitweg-ID',
};

const describeIdentifier = (i: CompanyIdentifier): string => {
  const notes = [i.primary ? 'primary' : null, SCHEME_NAMES[i.scheme] ?? null].filter(Boolean);
  return `${i.scheme}:${i.value}${notes.length ? ` (${notes.join(', ')})` : ''}`;
};

/** Human summary of a company: name, place, id and identifiers. */
export function describeCompany(c: Company): string {
  const place = [c.city, c.country].filter(Boolean).join(', ');
  const [first, ...rest] = c.identifiers.map(describeIdentifier);
  return [
    `${c.name}${place ? ` (${place})` : ''}`,
    `  id           ${c.id}`,
    `  identifiers  ${first ?? '—'}`,
    ...rest.map((r) => `               ${r}`),
  ].join('\n');
}

interface AddOptions {
  name: string;
  id: string[];
  city?: string;
  country?: string;
  json?: boolean;
}

export function registerCompanyCommands(program: Command): void {
  const company = program.command('company').description('companies hosted on this node');

  dataOption(
    company
      .command('add')
      .description('register a company with one or more ISO 6523 identifiers (the first is primary)')
      .requiredOption('--name <name>', 'legal name, e.g. "Van Dijk Machinebouw B.V."')
      .requiredOption(
        '--id <scheme:value>',
        'identifier, repeatable: 0088:<GLN>, 0106:<KvK>, 9944:<NL VAT>, …',
        collect,
      )
      .option('--city <city>', 'city')
      .option('--country <code>', 'ISO 3166-1 alpha-2 country code', 'NL')
      .option('--json', 'print the company as JSON'),
  ).action(
    withHints(
      { identifiers: '--id', name: '--name', country: '--country', city: '--city' },
      async (opts: AddOptions, cmd: Command) => {
        // Check the identifiers before opening the store: a wrong check digit needs no database.
        opts.id.forEach((text, i) => parseIdentifier(text, `identifiers[${i}]`));
        const created = await withServices(
          cmd,
          (services) =>
            services.registerCompany({
              name: opts.name,
              identifiers: opts.id,
              city: opts.city ?? null,
              country: opts.country ?? null,
            }),
          { create: true },
        );
        if (opts.json) printJson(created);
        else out(`Registered ${describeCompany(created)}`);
      },
    ),
  );

  dataOption(
    company
      .command('list')
      .description('list the companies hosted on this node')
      .option('--json', 'print the companies as JSON'),
  ).action(async (opts: { json?: boolean }, cmd: Command) => {
    const companies = await withServices(cmd, (services) => services.deps.store.companies.list());
    if (opts.json) return printJson(companies);
    if (companies.length === 0) return out('No companies yet; add one with "schakel company add".');
    const primary = (c: Company) => c.identifiers.find((i) => i.primary) ?? c.identifiers[0];
    out(
      table(
        ['NAME', 'CITY', 'IDENTIFIER', 'ID'],
        companies.map((c) => {
          const p = primary(c);
          return [c.name, c.city ?? '', p ? `${p.scheme}:${p.value}` : '', c.id];
        }),
      ),
    );
  });
}
