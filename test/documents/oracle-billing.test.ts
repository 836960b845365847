// Schakel's billing validation against the official EN 16931 and Peppol BIS Billing 3 validators
// (CEN-EN16931-UBL.xslt + PEPPOL-EN16931-UBL.xslt, run with Saxon-JS) on the official billing examples
// and deterministic mutations of them: the general ones (xml-mutator.ts) and VAT ones (vat-mutator.ts:
// category codes, rates, exemption reasons, VAT identifiers, breakdown amounts, allowances and charges
// with categories) for the EN 16931 VAT-category families BR-S/Z/E/AE/IC/G/O/AF/AG/B-nn. Schakel
// implements a documented subset of the billing rules (BILLING_RULE_IDS: see the modules in
// src/documents/rules/billing), so the comparison is on exactly those rule ids. Where the official
// validator stops with a dynamic error (e.g. a rate that is not a number), the variant is only counted
// and reported. Needs ../shared; skipped with a message when it is absent.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BILLING_RULE_IDS } from '../../src/documents/rules/billing/billing-rule-sets.ts';
import { validateDocument } from '../../src/documents/validate-document.ts';
import { parseXml } from '../../src/documents/xml-parser.ts';
import { compareFindings } from './support/oracle-compare.ts';
import {
  SHARED_DIR,
  SHARED_PRESENT,
  SHARED_SKIP_REASON,
  compiledSefs,
  runOracle,
} from './support/peppol-oracle.ts';
import { mutateVat } from './support/vat-mutator.ts';
import { mutateDocument } from './support/xml-mutator.ts';

if (!SHARED_PRESENT) console.warn(`[oracle-billing.test] ${SHARED_SKIP_REASON}`);

/** Billing validation is slower (~0.5 s a document for both artefacts), hence fewer variants. */
const VARIANT_BUDGET = 24;
/** VAT variants per example (category codes, rates, identifiers, amounts; see vat-mutator.ts). */
const VAT_VARIANT_BUDGET = 120;
const SEED = 20260522;
const dir = join(SHARED_DIR, 'fixtures/ubl/peppol-billing-3');
const files = SHARED_PRESENT ? readdirSync(dir).sort() : [];
const stats = { variants: 0, agreed: 0, oracleStopped: 0, stoppedButValid: [] as string[] };
let sef: Record<string, string> = {};

describe.skipIf(!SHARED_PRESENT)('Peppol billing oracle (implemented rules)', () => {
  beforeAll(async () => {
    sef = await compiledSefs(['CEN-EN16931-UBL.xslt', 'PEPPOL-EN16931-UBL.xslt']);
  }, 40 * 60_000);

  afterAll(() => {
    console.log(
      `[oracle-billing.test] ${files.length} examples and ${stats.variants} variants compared on ${BILLING_RULE_IDS.size} ` +
        `implemented rule ids: ${stats.agreed} agreed; ${stats.oracleStopped} stopped the official validator, ` +
        `${stats.stoppedButValid.length} of which Schakel calls valid (a rule it does not implement stopped it): ` +
        stats.stoppedButValid.join('; '),
    );
  });

  it('implements a substantial, documented set of billing rules', () => {
    for (const id of [
      'BR-01',
      'BR-16',
      'BR-CO-10',
      'BR-CO-15',
      'BR-CO-16',
      'BR-CL-01',
      'BR-CL-23',
      'PEPPOL-EN16931-R001',
      'NL-R-001',
      'BR-S-08',
      'BR-AE-02',
      'BR-IC-12',
      'BR-O-14',
      'BR-AF-09',
    ]) {
      expect(BILLING_RULE_IDS.has(id), id).toBe(true);
    }
    expect(BILLING_RULE_IDS.size).toBeGreaterThan(290);
  });

  it.each(files)(
    '%s and its variants agree with the official validators',
    (file) => {
      const xml = readFileSync(join(dir, file), 'utf8');
      const original = validateDocument(xml);
      expect(original.profile).toBe('peppol-billing');
      expect(original.valid).toBe(true);
      const problems: string[] = [];
      for (const variant of [
        { label: 'original', xml },
        ...mutateDocument(xml, SEED + file.length, VARIANT_BUDGET),
        ...mutateVat(xml, SEED + file.length, VAT_VARIANT_BUDGET),
      ]) {
        stats.variants++;
        const ours = validateDocument(variant.xml, { profile: 'peppol-billing' });
        const cen = runOracle(sef['CEN-EN16931-UBL.xslt']!, variant.xml);
        const peppol = runOracle(sef['PEPPOL-EN16931-UBL.xslt']!, variant.xml);
        if (!cen.ok || !peppol.ok) {
          stats.oracleStopped++;
          if (ours.valid) stats.stoppedButValid.push(`${file} ${variant.label}`);
          continue;
        }
        const c = compareFindings(
          ours,
          [...cen.asserts, ...peppol.asserts],
          (id) => BILLING_RULE_IDS.has(id),
          parseXml(variant.xml),
        );
        if (c.agree) stats.agreed++;
        else
          problems.push(
            `${variant.label}: only Schakel ${c.onlySchakel.join(', ')}; only official ${c.onlyOracle.join(', ')}`,
          );
      }
      expect(problems).toEqual([]);
    },
    // About 140 variants an example at ~0.5 s each for both artefacts; generous for a loaded machine.
    1_800_000,
  );
});
