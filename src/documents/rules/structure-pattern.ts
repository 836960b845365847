// Interprets a generated structure table (rules/generated/*.ts) as a rule pattern. The official
// validator compiles the same table into one XSLT template per element path; an element is checked
// by the template of its own path or, when its path is not in the data model, by the "anything else
// is not allowed" template of its parent path — whichever comes first in the table.
import { CODE_LISTS, CODE_LIST_TITLES, type CodeListName } from '../generated/ordering-code-lists.ts';
import { describeTag } from '../element-names.ts';
import { msg } from '../rule-context.ts';
import { contextByPath } from '../rule-engine.ts';
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

/** A step of the table's element paths, compiled: children by namespace and local name. */
interface PathNode {
  /** Index of this path in the table (its template's priority), when the path is in the table. */
  own: number | undefined;
  /** Index of "this path/*" (anything else inside), when in the table. */
  anyChild: number | undefined;
  children: Map<string, Map<string, PathNode>>;
}

const pathNode = (): PathNode => ({ own: undefined, anyChild: undefined, children: new Map() });

/**
 * Compiles the table's paths ("/ubl:Order/cac:OrderLine/*") into a tree of steps, once per table, so
 * that finding an element's entry is one map lookup from its parent's entry instead of building and
 * looking up its full path string. A later duplicate path overrides an earlier one, as before.
 */
function compilePaths(table: StructureTable): PathNode {
  const namespaces: Record<string, string> = { ...NS, ubl: table.rootNamespace };
  const root = pathNode();
  table.nodes.forEach(([path, _asserts], i) => {
    const steps = path.split('/').slice(1);
    const wildcard = steps.at(-1) === '*';
    let node = root;
    for (const step of wildcard ? steps.slice(0, -1) : steps) {
      const [prefix, name] = step.split(':') as [string, string | undefined];
      const ns = namespaces[prefix];
      if (ns === undefined || name === undefined) throw new Error(`unsupported step "${step}" in ${path}`);
      let byName = node.children.get(ns);
      if (!byName) node.children.set(ns, (byName = new Map<string, PathNode>()));
      let next = byName.get(name);
      if (!next) byName.set(name, (next = pathNode()));
      node = next;
    }
    if (wildcard) node.anyChild = i;
    else node.own = i;
  });
  return root;
}

/** The rule pattern of a structure table. */
export function structurePattern(table: StructureTable): RulePattern {
  const contexts: RuleContext[] = [];
  const rulesByContext = new Map<RuleContext, Rule[]>();
  const rules: Rule[] = [];
  table.nodes.forEach(([path, asserts]) => {
    const context: RuleContext = { xpath: path, matches: () => true };
    contexts.push(context);
    const built = asserts.map((a) => buildRule(table, context, a));
    rulesByContext.set(context, built);
    rules.push(...built);
  });
  const paths = compilePaths(table);
  // Each element's node in the compiled paths (null: its path is not in the data model), found from
  // its parent's, so that an element costs one lookup; kept per element as long as the tree lives.
  const nodes = new WeakMap<XmlElement, PathNode | null>();
  const nodeOf = (el: XmlElement): PathNode | null => {
    let node = nodes.get(el);
    if (node === undefined) {
      const parent = el.parent ? nodeOf(el.parent) : paths;
      node = parent?.children.get(el.ns)?.get(el.name) ?? null;
      nodes.set(el, node);
    }
    return node;
  };
  // An element's context here follows from its path alone; the engine asks once per path.
  return contextByPath({
    name: `${table.transaction} structure`,
    rules,
    contextFor(el) {
      const own = nodeOf(el)?.own;
      const wildcard = el.parent ? nodeOf(el.parent)?.anyChild : undefined;
      const best = own === undefined ? wildcard : wildcard === undefined ? own : Math.min(own, wildcard);
      return best === undefined ? undefined : contexts[best];
    },
    rulesFor: (context) => rulesByContext.get(context) ?? [],
  });
}
