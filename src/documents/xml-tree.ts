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
    const [prefix, name] = step.split(':') as [keyof typeof NS, string | undefined];
    found = { ns: NS[prefix] as string | undefined, name };
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

const matchesStep = (c: XmlElement, step: QualifiedStep): boolean => c.name === step.name && c.ns === step.ns;

/** Children matching a qualified step like "cac:OrderLine" or "cbc:ID". */
export function children(el: XmlElement, step: string): XmlElement[] {
  const wanted = resolveStep(step);
  const out: XmlElement[] = [];
  for (const c of el.children) if (matchesStep(c, wanted)) out.push(c);
  return out;
}

/** Elements reached by a path of qualified steps, e.g. path(order, 'cac:BuyerCustomerParty/cac:Party'). */
export function path(el: XmlElement, steps: string): XmlElement[] {
  let current = [el];
  for (const step of resolve(steps)) {
    const next: XmlElement[] = [];
    for (const e of current) for (const c of e.children) if (matchesStep(c, step)) next.push(c);
    current = next;
  }
  return current;
}

/** The first element in document order below `el` along `steps` from index `i`, depth first. */
function firstFrom(el: XmlElement, steps: readonly QualifiedStep[], i: number): XmlElement | undefined {
  const step = steps[i];
  if (!step) return el;
  for (const c of el.children) {
    if (!matchesStep(c, step)) continue;
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
export const normalizeSpace = (s: string): string => s.replace(/[ \t\r\n]+/g, ' ').trim();

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
