// A small XML serializer for the documents Schakel writes. Documents are built as plain element
// values and escaped here in one place, so that no text from a user or a partner can break the markup.

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string | null;
}

export type XmlChild = XmlNode | null | undefined | false | XmlChild[];

/**
 * An element. Children may be nested arrays and null/undefined/false (left out), so optional parts read
 * naturally: el('cac:Delivery', {}, date && el('cbc:EndDate', {}, date)). A string child is the text.
 * Attributes whose value is undefined or null are left out.
 */
export function el(
  name: string,
  attrs: Record<string, string | null | undefined> = {},
  ...content: (XmlChild | string)[]
): XmlNode {
  const children: XmlNode[] = [];
  let text: string | null = null;
  const add = (c: XmlChild | string): void => {
    if (c === null || c === undefined || c === false) return;
    if (typeof c === 'string') text = (text ?? '') + c;
    else if (Array.isArray(c)) c.forEach(add);
    else children.push(c);
  };
  content.forEach(add);
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) kept[k] = v;
  return { name, attrs: kept, children, text };
}

/** A leaf element with text; null/undefined/empty text gives nothing (UBL forbids empty elements). */
export function leaf(
  name: string,
  value: string | null | undefined,
  attrs: Record<string, string | null | undefined> = {},
): XmlNode | null {
  return value === null || value === undefined || value === '' ? null : el(name, attrs, value);
}

// XML 1.0 allows tab, newline, carriage return and #x20 upwards (minus surrogates and FFFE/FFFF).
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes character data; characters XML cannot carry at all are dropped rather than written. */
export function escapeText(s: string): string {
  return s.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value (double-quoted); tabs and line breaks are kept as character references. */
export function escapeAttribute(s: string): string {
  return escapeText(s)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function write(node: XmlNode, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`)
    .join('');
  if (node.children.length === 0) {
    out.push(
      node.text === null
        ? `${pad}<${node.name}${attrs}/>`
        : `${pad}<${node.name}${attrs}>${escapeText(node.text).replace(/\r/g, '&#13;')}</${node.name}>`,
    );
    return;
  }
  out.push(`${pad}<${node.name}${attrs}>`);
  for (const c of node.children) write(c, depth + 1, out);
  out.push(`${pad}</${node.name}>`);
}

/** The document as UTF-8 text with an XML declaration, indented two spaces per level. */
export function serializeXml(root: XmlNode): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, out);
  return `${out.join('\n')}\n`;
}
