// The `schakel` command line: one program, a small file per command group. runCli never calls
// process.exit for a finished command; it returns the exit code (0 ok, 1 user error, 2 usage error).
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { describeFailure, EXIT_USAGE_ERROR } from './cli-errors.ts';
import { registerCompanyCommands } from './company-commands.ts';
import { registerDocumentCommands } from './document-commands.ts';
import { registerNodeCommands } from './node-commands.ts';
import { registerOrderCommands } from './order-commands.ts';
import { registerPartnerCommands } from './partner-commands.ts';
import { registerTokenCommands } from './token-commands.ts';
import { registerUserCommands } from './user-commands.ts';
import { registerValidateCommand } from './validate-command.ts';

const version = (): string => {
  try {
    return (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    ).version;
  } catch {
    return 'unknown';
  }
};

const HELP_FOOTER = `
Storage:
  Every command works on one node's store: embedded PostgreSQL (PGlite) in --data (default ./data),
  or PostgreSQL when the environment variable DATABASE_URL is set. A PGlite directory serves one
  process at a time: stop "schakel start" before running other commands on the same directory.

Exit codes: 0 success, 1 the command was refused (bad input, unknown company…), 2 wrong usage.

Examples:
  schakel demo                                   # demo chain on http://127.0.0.1:4800
  schakel company add --name "Van Dijk Machinebouw B.V." --id 0088:8719401000015 --city Eindhoven
  SCHAKEL_PASSWORD=… schakel user add --company 0088:8719401000015 --email anna@vandijk.example \\
      --name "Anna de Vries" --role purchasing
  schakel orders list --company 0088:8719401000015 --role buyer --status in_negotiation`;

/** Builds the program; commands inherit the error handling because they are created from it. */
export function buildProgram(): Command {
  const program = new Command('schakel')
    .description('Schakel: order collaboration between manufacturing companies — run a node and manage it.')
    .version(version(), '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: false, showGlobalOptions: false })
    .addHelpText('after', HELP_FOOTER);
  registerNodeCommands(program);
  registerCompanyCommands(program);
  registerUserCommands(program);
  registerTokenCommands(program);
  registerPartnerCommands(program);
  registerOrderCommands(program);
  registerDocumentCommands(program);
  registerValidateCommand(program);
  return program;
}

/** Runs the CLI for `args` (without node and script); returns the exit code. */
export async function runCli(args: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(args, { from: 'user' });
    return 0;
  } catch (e) {
    // commander already printed its message (or the help) for its own errors.
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_USAGE_ERROR;
    const failure = describeFailure(e);
    process.stderr.write(`error: ${failure.message}\n`);
    return failure.exitCode;
  }
}
