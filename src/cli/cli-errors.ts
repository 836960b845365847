// How the CLI reports failures: one line on stderr, exit code 1 for a user error (bad input, unknown
// company, refused action), 2 for a usage error (commander: unknown option, missing argument), and a
// stack trace only for what is really a bug.
import { DomainError } from '../domain/errors.ts';

export const EXIT_USER_ERROR = 1;
export const EXIT_USAGE_ERROR = 2;

/** A user error the CLI itself detects (e.g. an unknown company); printed without a stack trace. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = EXIT_USER_ERROR) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Which CLI option feeds which use-case field, e.g. `{ identifiers: '--id' }`, so errors can point at the option. */
export type OptionHints = Record<string, string>;

const optionFor = (field: string, hints: OptionHints): string | undefined =>
  Object.entries(hints).find(
    ([f]) => field === f || field.startsWith(`${f}[`) || field.startsWith(`${f}.`),
  )?.[1];

/** The domain's message plus the field (when the message does not name it) and the CLI option behind it. */
export function explainDomainError(error: DomainError, hints: OptionHints = {}): string {
  const field = typeof error.details.field === 'string' ? error.details.field : undefined;
  const option = field ? optionFor(field, hints) : undefined;
  const extra = [
    field && !error.message.includes(field) ? `field ${field}` : null,
    option ? `option ${option}` : null,
  ].filter(Boolean);
  return extra.length ? `${error.message} (${extra.join(', ')})` : error.message;
}

/** Wraps a command action so that domain errors name the CLI options they are about. */
export function withHints<A extends unknown[]>(
  hints: OptionHints,
  action: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (e) {
      if (e instanceof DomainError) throw new CliError(explainDomainError(e, hints));
      throw e;
    }
  };
}

/** Errors from the operating system or a driver (port in use, database unreachable) that need no stack trace. */
function isEnvironmentError(e: unknown): e is Error & { code: string } {
  const { code, severity } = (e ?? {}) as { code?: unknown; severity?: unknown };
  if (!(e instanceof Error) || typeof code !== 'string') return false;
  // Node system errors (ECONNREFUSED, EADDRINUSE, EACCES…) and PostgreSQL server errors (SQLSTATE with a severity).
  return /^E[A-Z0-9_]+$/.test(code) || (/^[0-9A-Z]{5}$/.test(code) && typeof severity === 'string');
}

/** The line to print and the exit code for an error that reached the top. */
export function describeFailure(e: unknown): { message: string; exitCode: number } {
  if (e instanceof CliError) return { message: e.message, exitCode: e.exitCode };
  if (e instanceof DomainError) return { message: explainDomainError(e), exitCode: EXIT_USER_ERROR };
  if (isEnvironmentError(e)) return { message: `${e.message} (${e.code})`, exitCode: EXIT_USER_ERROR };
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
  return { message: `unexpected failure — please report this:\n${detail}`, exitCode: EXIT_USER_ERROR };
}
