// Safe XML parsing for documents from outside: no DOCTYPE (so no XXE and no entity expansion), and
// limits on size, depth and element count. Anything refused gets a clear, specific error.
import { SaxesParser } from 'saxes';
import type { XmlElement } from './xml-tree.ts';

export interface XmlLimits {
  /** Maximum document size in bytes (default 10 MB). */
  maxBytes: number;
  /** Maximum element nesting depth (default 64; UBL needs about 10). */
  maxDepth: number;
  /** Maximum number of elements (default 1,000,000). */
  maxElements: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxDepth: 64,
  maxElements: 1_000_000,
};

export type XmlErrorCode =
  'too_large' | 'doctype_refused' | 'too_deep' | 'too_many_elements' | 'not_well_formed' | 'not_utf8';

/** A document that is not acceptable XML; `line`/`column` point at the problem when known. */
export class XmlError extends Error {
  readonly code: XmlErrorCode;
  readonly line: number | null;
  readonly column: number | null;
  constructor(code: XmlErrorCode, message: string, line: number | null = null, column: number | null = null) {
    super(message);
    this.name = 'XmlError';
    this.code = code;
    this.line = line;
    this.column = column;
  }
}

/** Decodes bytes as UTF-8 (UBL's encoding), refusing invalid sequences rather than guessing. */
function decode(input: Uint8Array | string): string {
  if (typeof input === 'string') return input;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input);
  } catch {
    throw new XmlError('not_utf8', 'the document is not valid UTF-8');
  }
}

/** From this many children on, an element's children are counted in maps rather than by scanning. */
const MANY_CHILDREN = 16;

/** Counts one more child of this namespace and name, and returns its position. */
function bump(byNs: Map<string, Map<string, number>>, ns: string, name: string): number {
  let byName = byNs.get(ns);
  if (!byName) byNs.set(ns, (byName = new Map<string, number>()));
  const n = (byName.get(name) ?? 0) + 1;
  byName.set(name, n);
  return n;
}

/** Parses a document into an element tree with positions; throws XmlError for anything unsafe or malformed. */
export function parseXml(input: Uint8Array | string, limits: Partial<XmlLimits> = {}): XmlElement {
  const lim = { ...DEFAULT_XML_LIMITS, ...limits };
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > lim.maxBytes)
    throw new XmlError('too_large', `the document is ${size} bytes; the limit is ${lim.maxBytes}`);
  const source = decode(input);
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let count = 0;
  let failure: XmlError | null = null;
  // Per open element with many children: how many of each namespace and name it has so far, so that
  // positions cost O(1) even with thousands of lines (nested maps: no key string to build per element).
  // An element with few children is counted by scanning them, which needs no map at all.
  const counts: (Map<string, Map<string, number>> | undefined)[] = [];
  const nextPosition = (parent: XmlElement, depth: number, ns: string, name: string): number => {
    const siblings = parent.children;
    let byNs = counts[depth];
    if (!byNs) {
      if (siblings.length < MANY_CHILDREN) {
        let n = 1;
        for (const c of siblings) if (c.name === name && c.ns === ns) n++;
        return n;
      }
      counts[depth] = byNs = new Map();
      for (const c of siblings) bump(byNs, c.ns, c.name);
    }
    return bump(byNs, ns, name);
  };
  const fail = (e: XmlError): never => {
    failure = e;
    throw e;
  };
  parser.on('doctype', () =>
    fail(
      new XmlError(
        'doctype_refused',
        'a DOCTYPE is not allowed in business documents (protection against XXE and entity expansion)',
        parser.line,
        parser.column,
      ),
    ),
  );
  // The start tag's position: at 'opentagstart' the parser has just read "<name".
  let startLine = 1;
  let startColumn = 1;
  parser.on('opentagstart', (tag) => {
    startLine = parser.line;
    startColumn = parser.column - tag.name.length;
  });
  parser.on('opentag', (tag) => {
    if (++count > lim.maxElements)
      fail(
        new XmlError(
          'too_many_elements',
          `more than ${lim.maxElements} elements`,
          parser.line,
          parser.column,
        ),
      );
    if (stack.length >= lim.maxDepth)
      fail(
        new XmlError(
          'too_deep',
          `elements nested deeper than ${lim.maxDepth} levels`,
          parser.line,
          parser.column,
        ),
      );
    const depth = stack.length;
    const parent = depth > 0 ? stack[depth - 1]! : null;
    const attrs: Record<string, string> = {};
    for (const key in tag.attributes) {
      const a = tag.attributes[key];
      if (typeof a === 'object' && a.prefix !== 'xmlns' && a.name !== 'xmlns') attrs[a.local] = a.value;
    }
    const ns = tag.uri ?? '';
    const name = tag.local ?? tag.name;
    const el: XmlElement = {
      ns,
      name,
      prefix: tag.prefix ?? '',
      attrs,
      children: [],
      text: '',
      rawText: '',
      line: startLine,
      column: startColumn,
      parent,
      position: parent ? nextPosition(parent, depth - 1, ns, name) : 1,
    };
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
    // Its children are counted when the first one opens.
    counts[depth] = undefined;
  });
  const addText = (t: string): void => {
    const top = stack[stack.length - 1];
    if (top) top.rawText += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const el = stack.pop();
    if (el) el.text = el.rawText.trim();
  });
  try {
    parser.write(source).close();
  } catch (e) {
    // `failure` is set inside the event handlers, which TypeScript's flow analysis does not see.
    const refused = failure as XmlError | null;
    if (refused) throw refused;
    const message = e instanceof Error ? e.message : String(e);
    throw new XmlError('not_well_formed', `not well-formed XML: ${message}`, parser.line, parser.column);
  }
  if (!root) throw new XmlError('not_well_formed', 'the document has no root element');
  return root;
}
