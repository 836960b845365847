// Completeness: every assertion of the official Peppol ordering validators is implemented by Schakel
// with the same id and severity, and the billing subset is what billing-rule-sets.ts says it is.
// Needs ../shared (the artefacts); skipped with a message when it is absent.
import { describe, expect, it } from 'vitest';
import { readArtefact } from '../../scripts/peppol-xslt.ts';
import type { Profile } from '../../src/documents/document-profile.ts';
import { BILLING_RULE_IDS } from '../../src/documents/rules/billing/billing-rule-sets.ts';
import { rulesOf } from '../../src/documents/rule-sets.ts';
import { SHARED_PRESENT, SHARED_SKIP_REASON } from './support/peppol-oracle.ts';

if (!SHARED_PRESENT) console.warn(`[rule-coverage.test] ${SHARED_SKIP_REASON}`);

const official = (file: string): Map<string, string> => {
  const ids = new Map<string, string>();
  for (const t of readArtefact(file).templates) for (const a of t.asserts) ids.set(a.id, a.flag);
  return ids;
};
const ours = (profile: Profile): Map<string, string> =>
  new Map(
    rulesOf(profile)
      .filter((r) => !r.id.startsWith('SCHAKEL-'))
      .map((r) => [r.id, r.severity]),
  );

describe.skipIf(!SHARED_PRESENT)('rule coverage', () => {
  it.each([
    ['peppol-t01', 'PEPPOLBIS-T01.xslt', 330],
    ['peppol-t76', 'PEPPOLBIS-T76.xslt', 124],
    ['peppol-t110', 'PEPPOLBIS-T110.xslt', 269],
    ['peppol-t114', 'PEPPOLBIS-T114.xslt', 314],
    ['peppol-t115', 'PEPPOLBIS-T115.xslt', 108],
    ['peppol-t116', 'PEPPOLBIS-T116.xslt', 125],
    ['peppol-t16', 'PEPPOLBIS-T16.xslt', 210],
  ] as [Profile, string, number][])(
    '%s implements all %s assertions with their severities',
    (profile, file, count) => {
      const theirs = official(file);
      expect(theirs.size).toBe(count);
      expect(ours(profile)).toEqual(theirs);
    },
  );

  it('billing implements a subset of the official rules, each with the official severity', () => {
    const theirs = new Map([...official('CEN-EN16931-UBL.xslt'), ...official('PEPPOL-EN16931-UBL.xslt')]);
    const mine = ours('peppol-billing');
    expect(mine.size).toBe(BILLING_RULE_IDS.size);
    for (const [id, severity] of mine) expect(theirs.get(id), id).toBe(severity);
  });
});
