// schakel import | export — UBL documents in and out of a node from the command line: import a file
// the company sends (it is validated and applied to its order), export an order's state as UBL.
import { readFileSync, writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { DomainError } from '../domain/errors.ts';
import { ORDER_EXPORT_TYPES, type OrderExportType } from '../documents/ubl-vocabulary.ts';
import type { Finding } from '../documents/validation-types.ts';
import { CliError, explainDomainError, withHints } from './cli-errors.ts';
import { cliCaller, dataOption, out, printJson, resolveCompany, withServices } from './cli-context.ts';

interface ImportOptions {
  company: string;
  json?: boolean;
}

interface ExportOptions {
  company: string;
  type: OrderExportType;
  profile?: 'peppol' | 'scsn' | 'ubl';
  ref?: string;
  vat?: string;
  out?: string;
}

/** One line per finding: severity, rule, where, what. */
const formatFinding = (f: Finding): string =>
  `  ${f.severity} ${f.rule} at ${f.location}${f.line !== null ? ` (line ${f.line})` : ''}: ${f.message.en}`;

/** A refusal that carries the validator's findings prints them under the message. */
function explainRefusal(e: unknown): never {
  if (e instanceof DomainError) {
    const findings = Array.isArray(e.details.findings) ? (e.details.findings as Finding[]) : [];
    const errors = Array.isArray(e.details.errors) ? (e.details.errors as { detail: string }[]) : [];
    const lines = [
      explainDomainError(e, {
        company: '--company',
        type: '--type',
        vat: '--vat',
        ref: '--ref',
        profile: '--profile',
      }),
      ...findings.map(formatFinding),
      ...errors.slice(1).map((x) => `  ${x.detail}`),
    ];
    throw new CliError(lines.join('\n'));
  }
  throw e;
}

function readDocumentFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

export function registerDocumentCommands(program: Command): void {
  dataOption(
    program
      .command('import')
      .description(
        'import a UBL document the company sends (Order, OrderResponse, DespatchAdvice, Invoice, …): validate it and apply it to its order',
      )
      .argument('<file>', 'the UBL XML file')
      .requiredOption(
        '--company <scheme:value>',
        'identifier of the sending company, e.g. 0088:8719401000015',
      )
      .option('--json', 'print the document record as JSON'),
  ).action(
    withHints({ company: '--company' }, async (file: string, opts: ImportOptions, cmd: Command) => {
      const bytes = readDocumentFile(file);
      const result = await withServices(cmd, async (services) => {
        const company = await resolveCompany(services, opts.company);
        try {
          return await services.importDocument(cliCaller(company), bytes);
        } catch (e) {
          return explainRefusal(e);
        }
      });
      const d = result.document;
      if (opts.json) return printJson({ ...d, created: result.created });
      const what = `${d.documentType} ${d.number}`;
      out(
        result.created
          ? `${what} imported as document ${d.id}: ${d.status}${d.orderIds.length ? `, order ${d.orderIds.join(', ')}` : ''} ${JSON.stringify(d.summary)}`
          : `${what} was imported before (document ${d.id}); nothing changed`,
      );
      for (const f of d.findings as Finding[]) out(formatFinding(f));
    }),
  );

  dataOption(
    program
      .command('export')
      .description("write an order's current state as a UBL document (validated before it is written)")
      .argument('<order>', 'order id, or the order number')
      .requiredOption('--company <scheme:value>', 'identifier of the company whose copy to export')
      .addOption(
        new Option('--type <type>', 'document type').choices(ORDER_EXPORT_TYPES).makeOptionMandatory(),
      )
      .addOption(
        new Option(
          '--profile <profile>',
          'Peppol BIS 3, SCSN or plain UBL (default: Peppol where it exists)',
        ).choices(['peppol', 'scsn', 'ubl']),
      )
      .option(
        '--ref <number>',
        'DespatchAdvice: despatch number; Invoice: invoice number (default: the latest)',
      )
      .option('--vat <category:percent>', 'Invoice: VAT category and rate, e.g. S:21 (default), Z:0, AE, O')
      .option('--out <file>', 'write to this file instead of stdout'),
  ).action(
    withHints({ company: '--company' }, async (ref: string, opts: ExportOptions, cmd: Command) => {
      const exported = await withServices(cmd, async (services) => {
        const company = await resolveCompany(services, opts.company);
        try {
          return await services.exportOrderDocument(cliCaller(company), ref.trim(), {
            type: opts.type,
            profile: opts.profile,
            ref: opts.ref,
            vat: opts.vat,
          });
        } catch (e) {
          return explainRefusal(e);
        }
      });
      if (opts.out) {
        writeFileSync(opts.out, exported.xml);
        process.stderr.write(
          `${exported.documentType} (${exported.profile}) of order ${exported.orderId} written to ${opts.out}\n`,
        );
      } else process.stdout.write(exported.xml);
    }),
  );
}
