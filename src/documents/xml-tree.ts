// A small namespace-aware element tree with source positions, built by the safe parser and read by
// the UBL readers and validators. Text is trimmed per element; mixed content does not occur in UBL.

export interface XmlElement {
  /** Namespace URI ('' when none). */
  ns: string;
  /** Local name, e.g. "OrderLine". */
  name: string;
  /** Prefix as written in the document, for messages. */
  prefix: string;
  /** Attributes by local name (UBL attributes carry no namespace). */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated, trimmed character data directly inside this element. */
  text: string;
  /** The same character data untrimmed, as XPath's text() sees it (validators compare it exactly). */
  rawText: string;
  /** 1-based line and column of the start tag. */
  line: number;
  column: number;
  parent: XmlElement | null;
  /** 1-based position among siblings with the same namespace and name (XPath predicate). */
  position: number;
}

export const NS = {
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  ext: 'urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2',
} as const;

const PREFIX_OF: Record<string, string> = { [NS.cac]: 'cac', [NS.cbc]: 'cbc', [NS.ext]: 'ext' };

/** A qualified step resolved once: namespace URI (undefined for an unknown prefix) and local name. */
interface QualifiedStep {
  ns: string | undefined;
  name: string | undefined;
}

// Steps are written in code ('cac:BuyerCustomerParty/cac:Party'), so there are few distinct ones: each is
// split and resolved once instead of on every call. The bound only guards against misuse.
const resolvedSteps = new Map<string, QualifiedStep>();
const resolvedPaths = new Map<string, readonly QualifiedStep[]>();

function resolveStep(step: string): QualifiedStep {
  let found = resolvedSteps.get(step);
  if (!found) {
    const [prefix, name] = step.split(':') as [string, string | undefined];
    found = { ns: (NS as Record<string, string | undefined>)[prefix], name };
    if (resolvedSteps.size > 10_000) resolvedSteps.clear();
    resolvedSteps.set(step, found);
  }
  return found;
}

function resolve(steps: string): readonly QualifiedStep[] {
  let found = resolvedPaths.get(steps);
  if (!found) {
    found = steps.split('/').map(resolveStep);
    if (resolvedPaths.size > 10_000) resolvedPaths.clear();
    resolvedPaths.set(steps, found);
  }
  return found;
}

// Children by namespace and name, for elements with many children (a document root with a thousand
// lines): rules and readers look up the root's other children once per line, and scanning all of them
// each time would make a large document quadratic. Trees are not changed after parsing.
const INDEX_FROM = 16;
const childIndexes = new WeakMap<XmlElement, Map<string, Map<string, XmlElement[]>>>();

/**
 * The children of `el` with this namespace and local name, in document order. The array may be
 * shared: do not change it.
 */
export function childrenNamed(el: XmlElement, ns: string, name: string): readonly XmlElement[] {
  if (el.children.length < INDEX_FROM) return el.children.filter((c) => c.name === name && c.ns === ns);
  let index = childIndexes.get(el);
  if (!index) {
    index = new Map();
    for (const c of el.children) {
      let byName = index.get(c.ns);
      if (!byName) index.set(c.ns, (byName = new Map<string, XmlElement[]>()));
      const list = byName.get(c.name);
      if (list) list.push(c);
      else byName.set(c.name, [c]);
    }
    childIndexes.set(el, index);
  }
  return index.get(ns)?.get(name) ?? [];
}

/** Appends the children of `el` with this namespace and local name to `out`, in document order. */
export function pushChildrenNamed(el: XmlElement, ns: string, name: string, out: XmlElement[]): void {
  const all = el.children;
  if (all.length < INDEX_FROM) {
    // Few children: scanning them beats building (and reading) an index, and allocates nothing.
    for (const c of all) if (c.name === name && c.ns === ns) out.push(c);
    return;
  }
  for (const c of childrenNamed(el, ns, name)) out.push(c);
}

/** How many children of `el` have this namespace and local name, counting no further than `upTo`. */
export function countChildrenNamed(el: XmlElement, ns: string, name: string, upTo = Infinity): number {
  const all = el.children;
  if (all.length >= INDEX_FROM) return Math.min(childrenNamed(el, ns, name).length, upTo);
  let n = 0;
  for (const c of all) if (c.name === name && c.ns === ns && ++n >= upTo) break;
  return n;
}

/** The first child of `el` with this namespace and local name. */
export function firstChildNamed(el: XmlElement, ns: string, name: string): XmlElement | undefined {
  const all = el.children;
  if (all.length >= INDEX_FROM) return childrenNamed(el, ns, name)[0];
  for (const c of all) if (c.name === name && c.ns === ns) return c;
  return undefined;
}

/** Children matching a qualified step like "cac:OrderLine" or "cbc:ID". */
export function children(el: XmlElement, step: string): XmlElement[] {
  const { ns, name } = resolveStep(step);
  return ns === undefined || name === undefined ? [] : [...childrenNamed(el, ns, name)];
}

/** Elements reached by a path of qualified steps, e.g. path(order, 'cac:BuyerCustomerParty/cac:Party'). */
export function path(el: XmlElement, steps: string): XmlElement[] {
  let current = [el];
  for (const step of resolve(steps)) {
    const next: XmlElement[] = [];
    const { ns, name } = step;
    if (ns !== undefined && name !== undefined) for (const e of current) pushChildrenNamed(e, ns, name, next);
    current = next;
  }
  return current;
}

/** The first element in document order below `el` along `steps` from index `i`, depth first. */
function firstFrom(el: XmlElement, steps: readonly QualifiedStep[], i: number): XmlElement | undefined {
  const step = steps[i];
  if (!step) return el;
  const { ns, name } = step;
  if (ns === undefined || name === undefined) return undefined;
  const candidates = el.children.length < INDEX_FROM ? el.children : childrenNamed(el, ns, name);
  for (const c of candidates) {
    if (c.name !== name || c.ns !== ns) continue;
    const found = firstFrom(c, steps, i + 1);
    if (found) return found;
  }
  return undefined;
}

/** The first element at `steps`, or undefined. */
export const first = (el: XmlElement, steps: string): XmlElement | undefined =>
  firstFrom(el, resolve(steps), 0);

/** Trimmed text of the first element at `steps`, or undefined when absent or empty. */
export function text(el: XmlElement, steps: string): string | undefined {
  const t = first(el, steps)?.text;
  return t ? t : undefined;
}

/** The element's tag with the usual UBL prefix (cac:, cbc:, ext:), whatever prefix the document used. */
export function qname(el: XmlElement): string {
  const prefix = PREFIX_OF[el.ns];
  return prefix ? `${prefix}:${el.name}` : el.name;
}

/** An XPath of an element that a person can follow, e.g. /Order/cac:OrderLine[2]/cac:LineItem/cbc:Quantity. */
export function xpath(el: XmlElement): string {
  const parts: string[] = [];
  for (let e: XmlElement | null = el; e; e = e.parent) {
    const prefix = PREFIX_OF[e.ns];
    const name = e.parent ? (prefix ? `${prefix}:${e.name}` : e.name) : e.name;
    const siblings = e.parent
      ? e.parent.children.filter((c) => c.ns === e.ns && c.name === e.name).length
      : 1;
    parts.unshift(siblings > 1 ? `${name}[${e.position}]` : name);
  }
  return `/${parts.join('/')}`;
}

/** XPath normalize-space(): trims and collapses runs of XML whitespace to one space. */
export function normalizeSpace(s: string): string {
  // Most values (codes, amounts, identifiers) hold no whitespace at all: nothing to collapse or trim.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) return s.replace(/[ \t\r\n]+/g, ' ').trim();
  }
  return s;
}

/** XPath string(.) of an element: all character data inside it (exact for the leaf elements UBL uses). */
export function stringValue(el: XmlElement): string {
  return el.children.length === 0 ? el.rawText : el.rawText + el.children.map(stringValue).join('');
}

/** All elements of the tree in document order, the root first. */
export function descendantsAndSelf(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    out.push(e);
    for (const c of e.children) walk(c);
  };
  walk(el);
  return out;
}

/**
 * A path from a document root (the namespaces and local names of an element and its ancestors), shared
 * by every document that has it: what depends on the path alone (which rule contexts can match it) is
 * worked out once and kept in `known`, for this and later documents.
 */
export interface ElementPath {
  readonly children: Map<string, Map<string, ElementPath>>;
  /** Results computed for this path, by whoever computed them (e.g. per rule pattern). */
  readonly known: Map<object, unknown>;
  /** The walk of elementPaths that last met this path, and the path's number in that walk. */
  walk: number;
  number: number;
}

/** The elements of a tree in document order, each with the number of its path (see elementPaths). */
export interface ElementPaths {
  elements: XmlElement[];
  /** Per element (same index): the number of its path within this document. */
  pathOf: Int32Array;
  /** Per path number: the first element with that path. */
  samples: XmlElement[];
  /** Per path number: the shared path. */
  paths: ElementPath[];
}

/** The memo key under which validation keeps a document's ElementPaths. */
export const ELEMENT_PATHS = '//* with paths';

const newPath = (): ElementPath => ({ children: new Map(), known: new Map(), walk: 0, number: 0 });
let walks = 0;
// Paths come from documents: a bounded number is kept; past it, sharing starts over.
const MAX_PATHS = 20_000;
let allPaths = newPath();
let pathCount = 0;

/**
 * The elements of a tree in document order, each with a small number for its path from the root, one
 * element of each path, and the shared path objects.
 */
export function elementPaths(root: XmlElement): ElementPaths {
  if (pathCount > MAX_PATHS) {
    allPaths = newPath();
    pathCount = 0;
  }
  const elements: XmlElement[] = [];
  const pathIds: number[] = [];
  const samples: XmlElement[] = [];
  const paths: ElementPath[] = [];
  const thisWalk = ++walks;
  const walk = (el: XmlElement, parent: ElementPath): void => {
    let byName = parent.children.get(el.ns);
    if (!byName) parent.children.set(el.ns, (byName = new Map<string, ElementPath>()));
    let path = byName.get(el.name);
    if (!path) {
      byName.set(el.name, (path = newPath()));
      pathCount++;
    }
    if (path.walk !== thisWalk) {
      path.walk = thisWalk;
      path.number = samples.length;
      samples.push(el);
      paths.push(path);
    }
    elements.push(el);
    pathIds.push(path.number);
    for (const c of el.children) walk(c, path);
  };
  walk(root, allPaths);
  return { elements, pathOf: Int32Array.from(pathIds), samples, paths };
}
