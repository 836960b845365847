// schakel import / export as real processes against one temporary PGlite directory: import a document
// as the sending company, the same file again, an invalid file (findings on stderr, exit 1), and export
// an order by its number to a file and to stdout.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDocument } from '../../src/documents/validate-document.ts';
import { runCli } from './run-cli.ts';
import { FIXTURES } from '../documents/support/document-node.ts';

const BUYER = '0088:8712345678906';
const SELLER = '0106:12345678';

let dir: string;
let data: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'schakel-docs-cli-'));
  data = ['--data', join(dir, 'data')];
  for (const [name, id] of [
    ['Machinefabriek Noord BV', BUYER],
    ['Draaierij Zuid BV', SELLER],
  ]) {
    const r = await runCli(['company', 'add', '--name', name!, '--id', id!, '--country', 'NL', ...data]);
    expect(r.code, r.stderr).toBe(0);
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('schakel import and export', () => {
  it('imports a document of the sending company, and the same file again changes nothing', async () => {
    const first = await runCli(['import', join(FIXTURES, 'peppol-order.xml'), '--company', BUYER, ...data]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /^Order PO-2026-0042 imported as document [0-9a-f-]{36}: processed, order [0-9a-f-]{36} \{"action":"issued","lines":2\}\n/,
    );
    const again = await runCli(['import', join(FIXTURES, 'peppol-order.xml'), '--company', BUYER, ...data]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /^Order PO-2026-0042 was imported before \(document [0-9a-f-]{36}\); nothing changed\n/,
    );
  }, 60_000);

  it('refuses an invalid document with its findings on stderr and exit code 1', async () => {
    const r = await runCli([
      'import',
      join(FIXTURES, 'peppol-order-invalid.xml'),
      '--company',
      BUYER,
      ...data,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: Order PO-2026-0043 is not valid: 1 fatal finding');
    expect(r.stderr).toContain(
      '  fatal PEPPOL-T01-R003 at /Order/cac:OrderLine[1]/cac:LineItem/cac:Price/cbc:PriceAmount (line 88):',
    );
  }, 60_000);

  it('refuses a document the company does not send, and a file that does not exist', async () => {
    const r = await runCli([
      'import',
      join(FIXTURES, 'peppol-order-response.xml'),
      '--company',
      BUYER,
      ...data,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: only the seller sends an OrderResponse');
    const missing = await runCli(['import', join(dir, 'nope.xml'), '--company', BUYER, ...data]);
    expect([missing.code, missing.stderr]).toEqual([
      1,
      expect.stringMatching(/^error: cannot read .*nope\.xml: ENOENT/),
    ]);
  }, 60_000);

  it('exports an order by its number to a file and to stdout, as the seller after its response', async () => {
    const response = await runCli([
      'import',
      join(FIXTURES, 'peppol-order-response.xml'),
      '--company',
      SELLER,
      ...data,
    ]);
    expect(response.code, response.stderr).toBe(0);
    const out = join(dir, 'order.xml');
    const toFile = await runCli([
      'export',
      'PO-2026-0042',
      '--company',
      BUYER,
      '--type',
      'Order',
      '--out',
      out,
      ...data,
    ]);
    expect(toFile.code, toFile.stderr).toBe(0);
    expect(toFile.stdout).toBe('');
    expect(toFile.stderr).toMatch(/^Order \(peppol\) of order [0-9a-f-]{36} written to /);
    const v = validateDocument(readFileSync(out));
    expect([v.profile, v.valid]).toEqual(['peppol-t01', true]);
    const toStdout = await runCli([
      'export',
      'PO-2026-0042',
      '--company',
      SELLER,
      '--type',
      'OrderResponse',
      ...data,
    ]);
    expect(toStdout.code, toStdout.stderr).toBe(0);
    expect(toStdout.stdout).toContain('<cbc:OrderResponseCode>CA</cbc:OrderResponseCode>');
    expect(validateDocument(toStdout.stdout).valid).toBe(true);
  }, 90_000);

  it('names a missing --type as a usage error (exit 2)', async () => {
    const r = await runCli(['export', 'PO-2026-0042', '--company', BUYER, ...data]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '--type <type>' not specified");
  }, 30_000);
});
