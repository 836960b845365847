// Business rule of the Peppol Message Level Response (T71, PEPPOL-T71-R001). The Peppol 2026.5
// artefacts in ../shared carry no compiled MLR validator, so only this rule from the Schematron source
// (parts/PEPPOL-M-T71.sch) and the common rules apply; there is no structure table for MLR.
import { contexts, msg, normSelf, rule } from '../rule-context.ts';
import type { Rule } from '../validation-types.ts';

const context = contexts();
const CUSTOMIZATION = 'urn:fdc:peppol.eu:poacc:trns:mlr:3';

/** PEPPOL-T71-R001. */
export const MLR_RULES: Rule[] = [
  rule(
    context('cbc:CustomizationID'),
    'PEPPOL-T71-R001',
    'fatal',
    (el) => normSelf(el).startsWith(CUSTOMIZATION),
    msg(
      `The specification identifier must start with "${CUSTOMIZATION}".`,
      `De specificatie-id moet beginnen met "${CUSTOMIZATION}".`,
    ),
  ),
];
