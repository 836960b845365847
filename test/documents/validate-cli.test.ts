// `schakel validate` run as a real child process: reports, JSON lines, languages and exit codes. It
// must work without a running node and without a database (DATABASE_URL points nowhere here).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const fixture = (name: string): string => join(import.meta.dirname, 'fixtures', 'validation', name);
const work = mkdtempSync(join(tmpdir(), 'schakel-validate-'));

function schakel(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    join(root, 'node_modules/.bin/node'),
    [join(root, 'src/cli/main.ts'), 'validate', ...args],
    {
      cwd: work, // no ./data here: nothing to open
      env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeVariant(name: string, from: string, to: string): string {
  const path = join(work, name);
  const xml = readFileSync(fixture('order-t01.xml'), 'utf8');
  expect(xml).toContain(from);
  writeFileSync(path, xml.replace(from, to));
  return path;
}

describe('schakel validate', () => {
  it('exits 0 and says so for a valid document', () => {
    const r = schakel(fixture('order-t01.xml'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('order-t01.xml: valid — Order, peppol-t01 (no findings)');
  });

  it('exits 1 and explains each finding when a document has a fatal finding', () => {
    const bad = writeVariant(
      'bad-gln.xml',
      '8719401000015</cbc:EndpointID>',
      '8719401000016</cbc:EndpointID>',
    );
    const r = schakel(bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('NOT valid');
    expect(r.stdout).toMatch(
      /ERROR PEPPOL-COMMON-R040 line \d+: \/Order\/cac:BuyerCustomerParty\/cac:Party\/cbc:EndpointID/,
    );
    expect(r.stdout).toContain('not a valid GLN');
    expect(r.stderr).toContain('1 of 1 file(s) have fatal findings');
  });

  it('prints Dutch messages with --lang nl', () => {
    const bad = writeVariant('bad-date.xml', '<cbc:IssueDate>2026-03-02', '<cbc:IssueDate>2026-3-2');
    const r = schakel('--lang', 'nl', bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('NIET geldig');
    expect(r.stdout).toContain('JJJJ-MM-DD');
  });

  it('prints one JSON object per file per line with --json', () => {
    const bad = writeVariant(
      'bad-currency.xml',
      '<cbc:PriceAmount currencyID="EUR">14.00',
      '<cbc:PriceAmount currencyID="USD">14.00',
    );
    const r = schakel('--json', fixture('order-t01.xml'), bad);
    expect(r.code).toBe(1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({
      file: fixture('order-t01.xml'),
      documentType: 'Order',
      profile: 'peppol-t01',
      valid: true,
      findings: [],
    });
    expect(lines[1]).toMatchObject({ file: bad, valid: false, profile: 'peppol-t01' });
    const finding = (lines[1]!.findings as Record<string, unknown>[]).find(
      (f) => f.rule === 'PEPPOL-T01-R003',
    )!;
    expect(finding).toMatchObject({
      severity: 'fatal',
      location: '/Order/cac:OrderLine[2]/cac:LineItem/cac:Price/cbc:PriceAmount',
    });
    expect(Object.keys(finding)).toEqual([
      'rule',
      'severity',
      'location',
      'line',
      'column',
      'message',
      'messageNl',
    ]);
    expect(finding.message).toMatch(/currency/);
    expect(finding.messageNl).toMatch(/valuta/);
  });

  it('exits 2 when a file is not XML or cannot be read, and still reports the other files', () => {
    const notXml = join(work, 'notes.txt');
    writeFileSync(notXml, 'this is not XML');
    const r = schakel('--json', fixture('invoice.xml'), notXml, join(work, 'missing.xml'));
    expect(r.code).toBe(2);
    const rules = r.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { findings: { rule: string }[] }).findings.map((f) => f.rule));
    expect(rules).toEqual([[], ['SCHAKEL-XML-001'], ['SCHAKEL-FILE-001']]);
  });

  it('exits 2 for a DOCTYPE and honours --max-bytes', () => {
    const doctype = join(work, 'doctype.xml');
    writeFileSync(doctype, '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>');
    expect(schakel(doctype).code).toBe(2);
    const small = schakel('--json', '--max-bytes', '100', fixture('order-t01.xml'));
    expect(small.code).toBe(2);
    expect(small.stdout).toContain('SCHAKEL-XML-003');
  });

  it('applies a forced profile with --profile', () => {
    const r = schakel('--json', '--profile', 'scsn', fixture('order-t01.xml'));
    expect(JSON.parse(r.stdout)).toMatchObject({ profile: 'scsn', valid: true });
  });

  it('refuses wrong usage with exit code 2', () => {
    expect(schakel().code).toBe(2);
    expect(schakel('--lang', 'fr', fixture('order-t01.xml')).code).toBe(2);
  });
});
