// Which rule patterns apply to a profile. For Peppol ordering these are the patterns of the official
// validator, in its order: empty elements, common rules, the transaction's structure (data model),
// its business rules; then Schakel's own data type rules. Built once per profile and reused.
import type { Profile } from './document-profile.ts';
import { pattern } from './rule-engine.ts';
import { billingPatterns, en16931Patterns } from './rules/billing/billing-rule-sets.ts';
import { COMMON_EMPTY_ELEMENT_RULES, COMMON_ORDERING_RULES } from './rules/common-rules.ts';
import { datatypeRules } from './rules/datatype-rules.ts';
import { T16_RULES } from './rules/despatch-advice-rules.ts';
import { MLR_RULES } from './rules/mlr-rules.ts';
import { T110_RULES } from './rules/order-agreement-rules.ts';
import { T115_RULES } from './rules/order-cancellation-rules.ts';
import { T76_RULES, T116_RULES } from './rules/order-response-rules.ts';
import { T01_RULES, T114_RULES } from './rules/order-rules.ts';
import { SCSN_LINE_RULES, SCSN_RESPONSE_RULES } from './rules/scsn-rules.ts';
import { structurePattern, type StructureTable } from './rules/structure-pattern.ts';
import { T01_STRUCTURE } from './rules/generated/t01-structure.ts';
import { T110_STRUCTURE } from './rules/generated/t110-structure.ts';
import { T114_STRUCTURE } from './rules/generated/t114-structure.ts';
import { T115_STRUCTURE } from './rules/generated/t115-structure.ts';
import { T116_STRUCTURE } from './rules/generated/t116-structure.ts';
import { T16_STRUCTURE } from './rules/generated/t16-structure.ts';
import { T76_STRUCTURE } from './rules/generated/t76-structure.ts';
import type { Rule, RulePattern } from './validation-types.ts';

/** The official (Peppol / EN 16931) patterns; compared one-to-one with the official validators in the tests. */
function officialPatterns(profile: Profile): RulePattern[] {
  const ordering = (structure: StructureTable, rules: Rule[]): RulePattern[] => [
    pattern('Peppol empty elements', COMMON_EMPTY_ELEMENT_RULES),
    pattern('Peppol common rules', COMMON_ORDERING_RULES),
    structurePattern(structure),
    pattern(`Peppol ${structure.transaction} business rules`, rules),
  ];
  switch (profile) {
    case 'peppol-t01':
      return ordering(T01_STRUCTURE, T01_RULES);
    case 'peppol-t76':
      return ordering(T76_STRUCTURE, T76_RULES);
    case 'peppol-t110':
      return ordering(T110_STRUCTURE, T110_RULES);
    case 'peppol-t114':
      return ordering(T114_STRUCTURE, T114_RULES);
    case 'peppol-t115':
      return ordering(T115_STRUCTURE, T115_RULES);
    case 'peppol-t116':
      return ordering(T116_STRUCTURE, T116_RULES);
    case 'peppol-t16':
      return ordering(T16_STRUCTURE, T16_RULES);
    case 'peppol-mlr':
      return [
        pattern('Peppol empty elements', COMMON_EMPTY_ELEMENT_RULES),
        pattern('Peppol common rules', COMMON_ORDERING_RULES),
        pattern('Peppol MLR rules', MLR_RULES),
      ];
    case 'peppol-billing':
      return billingPatterns();
    case 'en16931':
      return en16931Patterns();
    case 'scsn':
    case 'ubl':
      return [];
  }
}

const cache = new Map<Profile, RulePattern[]>();

/** All patterns for a profile: the official ones, SCSN's rules, then Schakel's data type rules. */
export function patternsFor(profile: Profile): RulePattern[] {
  let patterns = cache.get(profile);
  if (!patterns) {
    const official = officialPatterns(profile);
    // Where an official empty-element rule exists, the data type rules leave empty elements to it.
    const emptyHandled = profile.startsWith('peppol-');
    patterns = [
      ...official,
      ...(profile === 'scsn'
        ? [
            pattern('SCSN line rules', SCSN_LINE_RULES),
            pattern('SCSN order response rules', SCSN_RESPONSE_RULES),
          ]
        : []),
      pattern('Schakel data types', datatypeRules(emptyHandled)),
    ];
    cache.set(profile, patterns);
  }
  return patterns;
}

/** Every rule of a profile, e.g. for documentation and counts. */
export const rulesOf = (profile: Profile): Rule[] => patternsFor(profile).flatMap((p) => [...p.rules]);
