// Building blocks for rules: contexts written as the official XPath patterns (a union of simple
// location paths, e.g. "cac:OrderLine/cac:LineItem | /ubl:Order/cac:AllowanceCharge"), a condition
// for the predicates, and small navigation helpers with XPath's meaning.
import type { DocumentScope, LocalizedMessage, Rule, RuleContext, Severity } from './validation-types.ts';
import {
  countChildrenNamed,
  ELEMENT_PATHS,
  elementPaths,
  firstChildNamed,
  NS,
  normalizeSpace,
  pushChildrenNamed,
  stringValue,
  type XmlElement,
} from './xml-tree.ts';
import {
  castBoolean,
  castDecimal,
  decimalOf,
  numberOf,
  sum,
  untypedToDouble,
  XPathError,
  type Decimal,
} from './xpath-values.ts';

/** The UBL document namespaces by root element. */
export const UBL_NS = {
  Order: 'urn:oasis:names:specification:ubl:schema:xsd:Order-2',
  OrderResponse: 'urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2',
  OrderChange: 'urn:oasis:names:specification:ubl:schema:xsd:OrderChange-2',
  OrderCancellation: 'urn:oasis:names:specification:ubl:schema:xsd:OrderCancellation-2',
  DespatchAdvice: 'urn:oasis:names:specification:ubl:schema:xsd:DespatchAdvice-2',
  ReceiptAdvice: 'urn:oasis:names:specification:ubl:schema:xsd:ReceiptAdvice-2',
  Invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  CreditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  ApplicationResponse: 'urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2',
} as const;

interface Step {
  /** Namespace URI, or undefined for any namespace ("*"). */
  ns: string | undefined;
  /** Local name, or undefined for any name. */
  name: string | undefined;
}

interface LocationPath {
  absolute: boolean;
  steps: Step[];
  /** A further test of the matched element's local name. */
  localName?: RegExp;
}

/** Parses "a:b/c:d | /e:f/*" into location paths; prefixes resolve through `namespaces`. */
function parseUnion(expr: string, namespaces: Record<string, string>): LocationPath[] {
  return expr.split('|').map((alt) => {
    const text = alt.replace(/\s+/g, '');
    const absolute = text.startsWith('/');
    const steps = (absolute ? text.slice(1) : text).split('/').map((s): Step => {
      if (s === '*') return { ns: undefined, name: undefined };
      const [prefix, local] = s.split(':');
      const ns = prefix === undefined ? undefined : namespaces[prefix];
      if (!local || ns === undefined) throw new Error(`unsupported step "${s}" in context "${expr}"`);
      return { ns, name: local === '*' ? undefined : local };
    });
    return { absolute, steps };
  });
}

const stepMatches = (step: Step, el: XmlElement): boolean =>
  (step.ns === undefined || step.ns === el.ns) && (step.name === undefined || step.name === el.name);

function pathMatches(path: LocationPath, el: XmlElement): boolean {
  if (path.localName && !path.localName.test(el.name)) return false;
  let current: XmlElement | null = el;
  for (let i = path.steps.length - 1; i >= 0; i--) {
    if (!current || !stepMatches(path.steps[i]!, current)) return false;
    current = current.parent;
  }
  return !path.absolute || current === null;
}

/** Creates context builders that resolve the prefix "ubl" (and "cn") to a document's namespace. */
export function contexts(namespaces: Record<string, string> = {}) {
  const all = { cac: NS.cac, cbc: NS.cbc, ext: NS.ext, ...namespaces };
  /** A context matching the union of simple paths `match`, optionally narrowed by a predicate. */
  return function context(
    match: string,
    where?: (el: XmlElement, doc: DocumentScope) => boolean,
    officialXpath?: string,
    /** Narrows the element's local name (e.g. /Amount$/ for "cbc:*Amount"): a test of its path, done once per path. */
    localName?: RegExp,
  ): RuleContext {
    const parsed = parseUnion(match, all);
    const paths = localName ? parsed.map((p) => ({ ...p, localName })) : parsed;
    const built: RuleContext = {
      xpath: officialXpath ?? match,
      matches: (el, doc) => paths.some((p) => pathMatches(p, el)) && (!where || where(el, doc)),
    };
    lastStepsOf.set(
      built,
      paths.map((p) => p.steps.at(-1) ?? { ns: undefined, name: undefined }),
    );
    partsOf.set(built, { pathMatches: (el) => paths.some((p) => pathMatches(p, el)), where });
    return built;
  };
}

/** A context built by contexts() in two parts: see pathParts. */
interface ContextParts {
  pathMatches: (el: XmlElement) => boolean;
  where: ((el: XmlElement, doc: DocumentScope) => boolean) | undefined;
}

/** Per built context: its path test and its predicate, for engines that match paths once per path. */
const partsOf = new WeakMap<RuleContext, ContextParts>();

/**
 * A context split into what depends only on an element's path from the root (its namespaces and names)
 * and what depends on the element itself: `pathMatches(el)` is the same for every element with the same
 * path, and `matches(el) === pathMatches(el) && (!where || where(el, doc))`. Undefined for a context not
 * built by contexts().
 */
export function pathParts(context: RuleContext): ContextParts | undefined {
  return partsOf.get(context);
}

/** Per built context: the last step of each of its paths. */
const lastStepsOf = new WeakMap<RuleContext, readonly Step[]>();

/**
 * Whether `context` can match an element of this namespace and local name, judged by its paths' last
 * steps alone (always true for a context not built by contexts()). Engines use it to skip contexts
 * that cannot match without changing which context matches first.
 */
export function mayMatchName(context: RuleContext, ns: string, name: string): boolean {
  const last = lastStepsOf.get(context);
  return (
    !last ||
    last.some((s) => (s.ns === undefined || s.ns === ns) && (s.name === undefined || s.name === name))
  );
}

/** Declares a rule. */
export function rule(
  context: RuleContext,
  id: string,
  severity: Severity,
  check: Rule['check'],
  message: Rule['message'],
): Rule {
  return { id, severity, context, check, message };
}

/** A message in both languages. */
export const msg = (en: string, nl: string): LocalizedMessage => ({ en, nl });

// ——— navigation with XPath meaning ———

/** A step of sel() resolved once: ".." (up), or a child test where undefined means any. */
type SelStep = { up: true } | { up: false; ns: string | undefined; name: string | undefined; none: boolean };

// Rules pass their paths as literals, so there are few distinct ones: each is split and resolved once
// instead of on every call (sel runs for most rules on most elements). The bound guards against misuse.
const selSteps = new Map<string, readonly SelStep[]>();

function resolveSel(steps: string): readonly SelStep[] {
  let found = selSteps.get(steps);
  if (!found) {
    found = steps.split('/').map((step): SelStep => {
      if (step === '..') return { up: true };
      const [prefix, name] = step.split(':') as [string, string | undefined];
      return {
        up: false,
        // An unknown prefix matches any namespace, as it always has here.
        ns: prefix === '*' ? undefined : NS[prefix as keyof typeof NS],
        name: name === '*' ? undefined : name,
        // A step without a local name ("cbc") matches nothing.
        none: name === undefined,
      };
    });
    if (selSteps.size > 10_000) selSteps.clear();
    selSteps.set(steps, found);
  }
  return found;
}

/** Elements at a relative path of qualified steps (cac:/cbc: prefixes); "*" matches any child. */
export function sel(el: XmlElement, steps: string): XmlElement[] {
  const resolved = resolveSel(steps);
  const only = resolved.length === 1 ? resolved[0]! : undefined;
  if (only && !only.up && !only.none && only.ns !== undefined && only.name !== undefined) {
    // The most common case, one named child step ("cbc:ID"): no intermediate arrays.
    const out: XmlElement[] = [];
    pushChildrenNamed(el, only.ns, only.name, out);
    return out;
  }
  let current = [el];
  for (const step of resolved) {
    const next: XmlElement[] = [];
    if (step.up) {
      for (const e of current) if (e.parent) next.push(e.parent);
    } else if (!step.none) {
      const { ns, name } = step;
      for (const e of current) {
        if (ns !== undefined && name !== undefined) {
          pushChildrenNamed(e, ns, name, next);
          continue;
        }
        for (const c of e.children)
          if ((ns === undefined || c.ns === ns) && (name === undefined || c.name === name)) next.push(c);
      }
    }
    current = next;
  }
  return current;
}

/** The step of a path that is one named child step ("cbc:ID"), else undefined. */
function childStep(steps: string): { ns: string; name: string } | undefined {
  const resolved = resolveSel(steps);
  const only = resolved.length === 1 ? resolved[0]! : undefined;
  return only && !only.up && !only.none && only.ns !== undefined && only.name !== undefined
    ? (only as { ns: string; name: string })
    : undefined;
}

/** exists(path). */
export function has(el: XmlElement, steps: string): boolean {
  const step = childStep(steps);
  if (!step) return sel(el, steps).length > 0;
  return countChildrenNamed(el, step.ns, step.name, 1) > 0;
}

/** normalize-space(path) for a path selecting at most one element ('' when none; more is an error in XPath). */
export function norm(el: XmlElement, steps: string): string {
  const step = childStep(steps);
  // One child step (the usual case): count and take the match without building a list.
  const count = step ? countChildrenNamed(el, step.ns, step.name) : undefined;
  if (count === 0) return '';
  const found = count === 1 ? [firstChildNamed(el, step!.ns, step!.name)!] : sel(el, steps);
  if (found.length > 1) throw new XPathError(`normalize-space() of ${found.length} elements (${steps})`);
  return found[0] ? normalizeSpace(stringValue(found[0])) : '';
}

/** number(path): NaN when absent; an error when the path selects more than one element. */
export const num = (el: XmlElement, steps: string): number => numberOf(sel(el, steps));

/** xs:decimal(path): undefined (the empty sequence) when absent; an error for two or more or a non-number. */
export const decimal = (el: XmlElement, steps: string): Decimal | undefined => decimalOf(sel(el, steps));

/** "if (path) then xs:decimal(path) else fallback". */
export function decimalOr(el: XmlElement, steps: string, fallback: Decimal): Decimal {
  return decimalOf(sel(el, steps)) ?? fallback;
}

/** "path >= 0" as a general comparison: true when some selected value is >= 0 (untyped values become doubles). */
export function someAtLeastZero(els: XmlElement[]): boolean {
  for (const e of els) if (untypedToDouble(stringValue(e)) >= 0) return true;
  return false;
}

/** "path > 0" as a general comparison. */
export function someAboveZero(els: XmlElement[]): boolean {
  for (const e of els) if (untypedToDouble(stringValue(e)) > 0) return true;
  return false;
}

/** "path = true()" / "path = false()": some selected value, cast to xs:boolean, equals `value`. */
export function anyBoolean(el: XmlElement, steps: string, value: boolean): boolean {
  for (const e of sel(el, steps)) if (castBoolean(stringValue(e)) === value) return true;
  return false;
}

/** [cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']: a tax category or scheme owner of the VAT scheme. */
export function isVat(el: XmlElement): boolean {
  // Asked for every category of a long document once per VAT category: worked out once per element
  // (trees do not change after parsing), an XPath error kept and thrown again as the first time.
  let known = vatOf.get(el);
  if (known === undefined) {
    try {
      known = sel(el, 'cac:TaxScheme').some((s) => norm(s, 'cbc:ID').toUpperCase() === 'VAT');
    } catch (e) {
      if (!(e instanceof XPathError)) throw e;
      known = e;
    }
    vatOf.set(el, known);
  }
  if (known instanceof XPathError) throw known;
  return known;
}

const vatOf = new WeakMap<XmlElement, boolean | XPathError>();

/** sum(path/xs:decimal(.)) over elements. */
export const sumOf = (els: XmlElement[]): Decimal => sum(els.map((e) => castDecimal(stringValue(e))));

/** normalize-space(.) of the element itself. */
export const normSelf = (el: XmlElement): string => normalizeSpace(stringValue(el));

/** normalize-space(text()) of the element itself: its own character data only. */
export const normText = (el: XmlElement): string => normalizeSpace(el.rawText);

/** "path = 'value'": some selected element's untrimmed string value equals `value`. */
export const anyEquals = (el: XmlElement, steps: string, value: string): boolean =>
  sel(el, steps).some((e) => stringValue(e) === value);

/** Every element below and including `root`, in document order (XPath //*). */
export function everyElement(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    out.push(e);
    for (const c of e.children) walk(c);
  };
  walk(root);
  return out;
}

/** //prefix:Name: all elements with that qualified name in the document. */
export function everywhere(doc: DocumentScope, qname: string): XmlElement[] {
  return doc.memo(`//${qname}`, () => {
    const [prefix, name] = qname.split(':') as [keyof typeof NS, string];
    return elementsByName(doc).get(NS[prefix])?.get(name)?.slice() ?? [];
  });
}

/** Every element of the document by namespace and local name, in document order: one pass for all names. */
const elementsByName = (doc: DocumentScope): Map<string, Map<string, XmlElement[]>> =>
  doc.memo('//* by name', () => {
    const { elements, pathOf, samples } = doc.memo(ELEMENT_PATHS, () => elementPaths(doc.root));
    // Elements with the same path have the same name: look names up once per path.
    const listOfPath = samples.map(() => [] as XmlElement[]);
    const index = new Map<string, Map<string, XmlElement[]>>();
    samples.forEach((e, path) => {
      let byName = index.get(e.ns);
      if (!byName) index.set(e.ns, (byName = new Map<string, XmlElement[]>()));
      let list = byName.get(e.name);
      if (!list) byName.set(e.name, (list = []));
      listOfPath[path] = list;
    });
    for (let i = 0; i < elements.length; i++) listOfPath[pathOf[i]!]!.push(elements[i]!);
    return index;
  });

/** True when an element is (or has as an ancestor) a given local name, as "ancestor-or-self" tests do. */
export function hasAncestorNamed(el: XmlElement, localName: string): boolean {
  for (let e: XmlElement | null = el; e; e = e.parent) if (e.name === localName) return true;
  return false;
}
