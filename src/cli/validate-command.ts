// schakel validate FILE... — check UBL documents against the rules they claim to follow (Peppol BIS 3
// ordering and billing, SCSN, generic UBL). Needs no running node and no database: it only reads the
// files. Exit code 0 when no file has a fatal finding, 1 when one has, 2 when a file cannot be read or
// is not XML at all.
import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { PROFILES, type Profile } from '../documents/document-profile.ts';
import { isUnreadable, validateDocument, type ValidationResult } from '../documents/validate-document.ts';
import type { Finding } from '../documents/validation-types.ts';
import { CliError, EXIT_USAGE_ERROR, EXIT_USER_ERROR } from './cli-errors.ts';
import { out } from './cli-context.ts';

interface ValidateOptions {
  json?: boolean;
  lang: 'en' | 'nl';
  profile?: Profile;
  maxBytes?: number;
}

/** One file's outcome as a JSON line: English message, Dutch in messageNl. */
function jsonLine(file: string, r: ValidationResult): string {
  return JSON.stringify({
    file,
    documentType: r.documentType,
    profile: r.profile,
    valid: r.valid,
    findings: r.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      location: f.location,
      line: f.line,
      column: f.column,
      message: f.message.en,
      messageNl: f.message.nl,
    })),
  });
}

const TEXT = {
  en: {
    valid: 'valid',
    invalid: 'NOT valid',
    fatal: 'error',
    warning: 'warning',
    line: 'line',
    none: 'no findings',
  },
  nl: {
    valid: 'geldig',
    invalid: 'NIET geldig',
    fatal: 'fout',
    warning: 'waarschuwing',
    line: 'regel',
    none: 'geen bevindingen',
  },
};

/** A readable report of one file. */
function report(file: string, r: ValidationResult, lang: 'en' | 'nl'): string {
  const t = TEXT[lang];
  const counts = (s: Finding['severity']) => r.findings.filter((f) => f.severity === s).length;
  const head =
    `${file}: ${r.valid ? t.valid : t.invalid} — ${r.documentType}, ${r.profile ?? '-'}` +
    (r.findings.length
      ? ` (${counts('fatal')} ${t.fatal}, ${counts('warning')} ${t.warning})`
      : ` (${t.none})`);
  const lines = r.findings.map((f) => {
    const where = f.line !== null ? `${t.line} ${f.line}: ` : '';
    return `  ${f.severity === 'fatal' ? t.fatal.toUpperCase() : t.warning} ${f.rule} ${where}${f.location}\n    ${f.message[lang]}`;
  });
  return [head, ...lines].join('\n');
}

/** A file that cannot be read at all is reported like unreadable XML, with its own rule id. */
function unreadableFile(e: unknown): ValidationResult {
  return {
    documentType: 'unknown',
    profile: null,
    valid: false,
    findings: [
      {
        rule: 'SCHAKEL-FILE-001',
        severity: 'fatal',
        location: '/',
        line: null,
        column: null,
        message: {
          en: `The file cannot be read: ${(e as Error).message}.`,
          nl: `Het bestand kan niet gelezen worden: ${(e as Error).message}.`,
        },
      },
    ],
  };
}

const parseBytes = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new CliError(`--max-bytes must be a positive whole number (got ${value})`, EXIT_USAGE_ERROR);
  return n;
};

/** Adds `schakel validate` to the program. */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description(
      'check UBL documents (Peppol BIS 3 ordering and billing, SCSN, generic UBL) against their rules; no node or database needed',
    )
    .argument('<file...>', 'UBL XML files')
    .option('--json', 'print one JSON object per file per line')
    .addOption(
      new Option('--lang <lang>', 'language of the messages in the report')
        .choices(['en', 'nl'])
        .default('en'),
    )
    .addOption(
      new Option('--profile <profile>', 'apply this rule set instead of the one the document claims').choices(
        [...PROFILES],
      ),
    )
    .option('--max-bytes <n>', 'largest document accepted, in bytes (default 10 MB)', parseBytes)
    .addHelpText(
      'after',
      '\nExit codes: 0 no fatal finding in any file, 1 a file has a fatal finding, 2 a file cannot be read or is not XML.',
    )
    .action((files: string[], opts: ValidateOptions) => {
      let invalid = 0;
      let unreadable = 0;
      for (const file of files) {
        let result: ValidationResult;
        try {
          const bytes = readFileSync(file);
          result = validateDocument(bytes, {
            profile: opts.profile,
            limits: opts.maxBytes ? { maxBytes: opts.maxBytes } : undefined,
          });
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === undefined) throw e;
          result = unreadableFile(e);
        }
        if (result.findings.some((f) => f.rule === 'SCHAKEL-FILE-001') || isUnreadable(result)) unreadable++;
        else if (!result.valid) invalid++;
        out(opts.json ? jsonLine(file, result) : report(file, result, opts.lang));
      }
      if (unreadable) {
        throw new CliError(
          `${unreadable} of ${files.length} file(s) could not be read as XML`,
          EXIT_USAGE_ERROR,
        );
      }
      if (invalid)
        throw new CliError(`${invalid} of ${files.length} file(s) have fatal findings`, EXIT_USER_ERROR);
    });
}
