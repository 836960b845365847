// Business rules of the Peppol Order Cancellation (T115, PEPPOL-T115-R…).
import { UBL_NS, contexts, msg, normSelf, rule } from '../rule-context.ts';
import type { Rule } from '../validation-types.ts';

const context = contexts({ ubl: UBL_NS.OrderCancellation });
const PROFILE = 'urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3';
const CUSTOMIZATION = 'urn:fdc:peppol.eu:poacc:trns:order_cancellation:3';

/** PEPPOL-T115-R031 and R034. */
export const T115_RULES: Rule[] = [
  rule(
    context('cbc:ProfileID'),
    'PEPPOL-T115-R031',
    'fatal',
    (el) => normSelf(el) === PROFILE,
    (el) =>
      msg(
        `An order cancellation belongs to the advanced ordering process: the business process must be "${PROFILE}" (found "${normSelf(el)}").`,
        `Een orderannulering hoort bij het uitgebreide bestelproces: het bedrijfsproces moet "${PROFILE}" zijn (gevonden: "${normSelf(el)}").`,
      ),
  ),
  rule(
    context('cbc:CustomizationID'),
    'PEPPOL-T115-R034',
    'fatal',
    (el) => normSelf(el).startsWith(CUSTOMIZATION),
    msg(
      `The specification identifier must start with "${CUSTOMIZATION}".`,
      `De specificatie-id moet beginnen met "${CUSTOMIZATION}".`,
    ),
  ),
];
