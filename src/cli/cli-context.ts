// What every short command shares: where the node's data is (--data / DATABASE_URL), opening and
// closing the services around one action, naming a company by identifier, and printing.
import { type Command, InvalidArgumentError } from 'commander';
import type { Company } from '../domain/company-types.ts';
import { formatIdentifier, parseIdentifier } from '../domain/identifiers.ts';
import type { Caller } from '../app/deps.ts';
import type { Services } from '../app/node.ts';
import { CliError } from './cli-errors.ts';

export const DEFAULT_DATA_DIR = './data';

export interface DataOptions {
  data: string;
}

/** Adds --data to a command that opens the node's store. */
export function dataOption(cmd: Command): Command {
  return cmd.option(
    '--data <dir>',
    'PGlite data directory of the node; ignored when DATABASE_URL is set',
    DEFAULT_DATA_DIR,
  );
}

/** Where the store is: PostgreSQL when DATABASE_URL is set, else PGlite in --data. Warns when --data is overridden. */
export function storeLocation(cmd: Command): { dataDir: string; databaseUrl: string | undefined } {
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && cmd.getOptionValueSource('data') === 'cli') {
    process.stderr.write('note: DATABASE_URL is set, so the node uses PostgreSQL and --data is ignored\n');
  }
  return { dataDir: cmd.opts<DataOptions>().data, databaseUrl };
}

/** "company add" for the lock file and messages. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * Opens the services, runs `fn`, closes them again. Only `create` commands may make a new PGlite
 * database; others refuse a directory without one, so a typo in --data is an error, not an empty node.
 */
export async function withServices<T>(
  cmd: Command,
  fn: (services: Services) => Promise<T>,
  options: { create?: boolean } = {},
): Promise<T> {
  // Loaded on demand: --help and usage errors should not pay for the database driver.
  const { openServices } = await import('./open-services.ts');
  const opened = await openServices({
    ...storeLocation(cmd),
    command: commandPath(cmd),
    mustExist: !options.create,
  });
  try {
    return await fn(opened.services);
  } finally {
    await opened.close();
  }
}

/** The company hosted on this node that holds identifier `text` (scheme:value). */
export async function resolveCompany(services: Services, text: string): Promise<Company> {
  const id = parseIdentifier(text, 'company');
  const company = await services.deps.store.companies.findByIdentifier(id.scheme, id.value);
  if (!company) {
    throw new CliError(
      `no company with identifier ${formatIdentifier(id)} is hosted on this node (option --company); "schakel company list" shows them`,
    );
  }
  return company;
}

/** The CLI acts as an administrator of the company it names: whoever runs it runs the node. */
export const cliCaller = (company: Company): Caller => ({
  companyId: company.id,
  role: 'admin',
  actor: {
    companyId: company.id,
    companyName: company.name,
    userId: null,
    tokenId: null,
    name: 'schakel CLI',
  },
});

export const out = (text = ''): void => void process.stdout.write(`${text}\n`);
export const printJson = (value: unknown): void => out(JSON.stringify(value, null, 2));

/** Left-aligned columns; the last column is not padded. */
export function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** commander argument parser for a TCP port (0 = any free port). */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new InvalidArgumentError('A port is a whole number from 0 to 65535.');
  return port;
}

/** commander argument parser for a positive whole number. */
export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new InvalidArgumentError('Expected a whole number of at least 1.');
  return n;
}

/** commander collector for repeatable options such as --id. */
export const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];
