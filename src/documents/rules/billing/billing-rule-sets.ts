// The billing rule patterns in the official order: the EN 16931 model and code list patterns
// (CEN-EN16931-UBL), then the Peppol patterns (PEPPOL-EN16931-UBL). See each module for what is
// implemented; BILLING_RULE_IDS lists it, and the oracle test compares billing documents on those.
import { pattern } from '../../rule-engine.ts';
import type { RulePattern } from '../../validation-types.ts';
import { EN16931_CODE_RULES } from './en16931-code-rules.ts';
import { EN16931_MODEL_RULES } from './en16931-model-rules.ts';
import { DE_BILLING_RULES } from './de-billing-rules.ts';
import { DK_BILLING_RULES } from './dk-billing-rules.ts';
import { GR_BILLING_RULES, GR_BUYER_BILLING_RULES } from './gr-billing-rules.ts';
import { IS_BILLING_RULES } from './is-billing-rules.ts';
import { IT_BILLING_RULES } from './it-billing-rules.ts';
import { NL_BILLING_RULES } from './nl-billing-rules.ts';
import { NO_BILLING_RULES } from './no-billing-rules.ts';
import { SE_BILLING_RULES } from './se-billing-rules.ts';
import {
  PEPPOL_BILLING_CODE_RULES,
  PEPPOL_BILLING_CORE_RULES,
  PEPPOL_CREDIT_NOTE_RULES,
  PEPPOL_EMPTY_RULES,
} from './peppol-billing-rules.ts';

/** The EN 16931 patterns (any EN 16931 customisation). */
export const en16931Patterns = (): RulePattern[] => [
  pattern('EN 16931 model', EN16931_MODEL_RULES),
  pattern('EN 16931 code lists', EN16931_CODE_RULES),
];

/** EN 16931 plus Peppol BIS Billing 3 (including the country rules: NO, DK, IT, SE, GR, IS, NL, DE). */
export const billingPatterns = (): RulePattern[] => [
  ...en16931Patterns(),
  pattern('Peppol billing empty elements', PEPPOL_EMPTY_RULES),
  pattern('Peppol billing credit note', PEPPOL_CREDIT_NOTE_RULES),
  pattern('Peppol billing core', PEPPOL_BILLING_CORE_RULES),
  pattern('Peppol billing NO', NO_BILLING_RULES),
  pattern('Peppol billing DK', DK_BILLING_RULES),
  pattern('Peppol billing IT', IT_BILLING_RULES),
  pattern('Peppol billing SE', SE_BILLING_RULES),
  pattern('Peppol billing GR', GR_BILLING_RULES),
  pattern('Peppol billing GR buyer', GR_BUYER_BILLING_RULES),
  pattern('Peppol billing IS', IS_BILLING_RULES),
  pattern('Peppol billing NL', NL_BILLING_RULES),
  pattern('Peppol billing DE', DE_BILLING_RULES),
  pattern('Peppol billing code lists', PEPPOL_BILLING_CODE_RULES),
];

/** The official billing rule ids Schakel implements (the oracle compares billing documents on these). */
export const BILLING_RULE_IDS: ReadonlySet<string> = new Set(
  billingPatterns().flatMap((p) => p.rules.map((r) => r.id)),
);
