// Interprets a generated structure table (rules/structure/*.ts) as a rule pattern. The official
// validator compiles the same table into one XSLT template per element path; an element is checked
// by the template of its own path or, when its path is not in the data model, by the "anything else
// is not allowed" template of its parent path — whichever comes first in the table.
import { CODE_LISTS, CODE_LIST_TITLES, type CodeListName } from '../codes/ordering-code-lists.ts';
import { describeTag } from '../element-names.ts';
import { msg } from '../rule-context.ts';
import type { Rule, RuleContext, RulePattern, Severity } from '../validation-types.ts';
import { NS, normalizeSpace, qname, type XmlElement } from '../xml-tree.ts';

/** One generated assertion: [id, severity, kind, ...arguments]. */
export type StructureAssert =
  | readonly [string, Severity, 'child', string]
  | readonly [string, Severity, 'attribute', string]
  | readonly [string, Severity, 'attributeCode', string, string]
  | readonly [string, Severity, 'code', readonly string[]]
  | readonly [string, Severity, 'fixed', string]
  | readonly [string, Severity, 'noSchemaLocation']
  | readonly [string, Severity, 'unknownElement'];

/** The data model of one transaction: element paths (in priority order) with their assertions. */
export interface StructureTable {
  transaction: string;
  rootNamespace: string;
  nodes: readonly (readonly [string, readonly StructureAssert[]])[];
}

const PREFIX: Record<string, string> = { [NS.cac]: 'cac', [NS.cbc]: 'cbc', [NS.ext]: 'ext' };

const list = (name: string): ReadonlySet<string> => {
  const found = CODE_LISTS[name as CodeListName] as ReadonlySet<string> | undefined;
  if (!found) throw new Error(`unknown code list ${name}`);
  return found;
};
const title = (name: string): string => CODE_LIST_TITLES[name as CodeListName] ?? name;

const parentTag = (el: XmlElement): string => (el.parent ? qname(el.parent) : 'the document');

function buildRule(table: StructureTable, context: RuleContext, a: StructureAssert): Rule {
  const [id, severity] = a;
  let check: Rule['check'];
  let message: Rule['message'];
  switch (a[2]) {
    case 'child': {
      const [prefix, name] = a[3].split(':') as ['cac' | 'cbc', string];
      const ns = NS[prefix];
      check = (el) => el.children.some((c) => c.ns === ns && c.name === name);
      message = (el) =>
        msg(
          `${cap(describeTag(a[3], 'en'))} is missing in ${qname(el)}. Add it: a Peppol ${table.transaction} document requires it there.`,
          `${cap(describeTag(a[3], 'nl'))} ontbreekt in ${qname(el)}. Vul dit aan: een Peppol ${table.transaction}-bericht vereist het daar.`,
        );
      break;
    }
    case 'attribute': {
      const attr = a[3];
      check = (el) => el.attrs[attr] !== undefined;
      message = (el) =>
        msg(
          `The attribute ${attr} is missing on ${qname(el)}. Add it (for example ${attr}="…" with a code from the list that belongs to it).`,
          `Het attribuut ${attr} ontbreekt bij ${qname(el)}. Voeg het toe (bijvoorbeeld ${attr}="…" met een code uit de bijbehorende lijst).`,
        );
      break;
    }
    case 'attributeCode': {
      const [attr, codes] = [a[3], list(a[4])];
      const listTitle = title(a[4]);
      check = (el) => el.attrs[attr] === undefined || codes.has(el.attrs[attr]);
      message = (el) =>
        msg(
          `The ${attr} "${el.attrs[attr]}" on ${qname(el)} is not a valid code: it must come from the list '${listTitle}'. Correct the code.`,
          `De ${attr} "${el.attrs[attr]}" bij ${qname(el)} is geen geldige code: die moet uit de lijst '${listTitle}' komen. Verbeter de code.`,
        );
      break;
    }
    case 'code': {
      const lists = a[3].map(list);
      const titles = a[3].map(title).join("' or '");
      check = (el) => {
        const value = normalizeSpace(el.rawText);
        return lists.some((l) => l.has(value));
      };
      message = (el) =>
        msg(
          `"${normalizeSpace(el.rawText)}" is not a valid code for ${describeTag(qname(el), 'en')}: use a code from '${titles}'.`,
          `"${normalizeSpace(el.rawText)}" is geen geldige code voor ${describeTag(qname(el), 'nl')}: gebruik een code uit '${titles}'.`,
        );
      break;
    }
    case 'fixed': {
      const value = a[3];
      check = (el) => normalizeSpace(el.rawText) === value;
      message = (el) =>
        msg(
          `${cap(describeTag(qname(el), 'en'))} must be exactly "${value}" in a Peppol ${table.transaction} document (found "${normalizeSpace(el.rawText)}").`,
          `${cap(describeTag(qname(el), 'nl'))} moet in een Peppol ${table.transaction}-bericht precies "${value}" zijn (gevonden: "${normalizeSpace(el.rawText)}").`,
        );
      break;
    }
    case 'noSchemaLocation':
      check = (el) => el.attrs.schemaLocation === undefined;
      message = msg(
        'Remove the xsi:schemaLocation attribute from the root element: Peppol documents must not point to a schema location.',
        'Verwijder het attribuut xsi:schemaLocation van het hoofdelement: Peppol-berichten mogen niet naar een schemalocatie verwijzen.',
      );
      break;
    case 'unknownElement':
      check = () => false;
      message = (el) =>
        msg(
          `The element ${qname(el)} is not allowed inside ${parentTag(el)} in a Peppol ${table.transaction} document. Remove it, or check its spelling and place.`,
          `Het element ${qname(el)} is niet toegestaan binnen ${parentTag(el)} in een Peppol ${table.transaction}-bericht. Verwijder het, of controleer de spelling en de plaats.`,
        );
      break;
  }
  return { id, severity, context, check, message };
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The rule pattern of a structure table. */
export function structurePattern(table: StructureTable): RulePattern {
  const rank = new Map<string, number>();
  const contexts: RuleContext[] = [];
  const rulesByContext = new Map<RuleContext, Rule[]>();
  const rules: Rule[] = [];
  table.nodes.forEach(([path, asserts], i) => {
    rank.set(path, i);
    const context: RuleContext = { xpath: path, matches: () => true };
    contexts.push(context);
    const built = asserts.map((a) => buildRule(table, context, a));
    rulesByContext.set(context, built);
    rules.push(...built);
  });
  const step = (el: XmlElement): string =>
    el.ns === table.rootNamespace
      ? `ubl:${el.name}`
      : PREFIX[el.ns]
        ? `${PREFIX[el.ns]}:${el.name}`
        : `{${el.ns}}${el.name}`;
  const pathOf = (el: XmlElement): string => (el.parent ? pathOf(el.parent) : '') + '/' + step(el);
  return {
    name: `${table.transaction} structure`,
    rules,
    contextFor(el) {
      const path = pathOf(el);
      const own = rank.get(path);
      const wildcard = el.parent ? rank.get(`${pathOf(el.parent)}/*`) : undefined;
      const best = own === undefined ? wildcard : wildcard === undefined ? own : Math.min(own, wildcard);
      return best === undefined ? undefined : contexts[best];
    },
    rulesFor: (context) => rulesByContext.get(context) ?? [],
  };
}
