// Reads the official Peppol validation artefacts (Schematron compiled to XSLT 2.0) for the generators:
// every rule template with its mode, priority, context and assertions, and the code list variables.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml } from '../src/documents/xml-parser.ts';
import type { XmlElement } from '../src/documents/xml-tree.ts';

export const XSLT_DIR = join(import.meta.dirname, '../../shared/standards/peppol-bis-3-2026.5/xslt');
const XSL = 'http://www.w3.org/1999/XSL/Transform';
const SVRL = 'http://purl.oclc.org/dsdl/svrl';

export interface XsltAssert {
  id: string;
  flag: 'fatal' | 'warning';
  test: string;
  text: string;
}

export interface XsltTemplate {
  mode: string;
  priority: number;
  match: string;
  asserts: XsltAssert[];
}

export interface XsltArtefact {
  file: string;
  /** Rule templates in document order (Schematron patterns become modes M…). */
  templates: XsltTemplate[];
  /** Top-level variables and params with a select expression. */
  variables: Map<string, string>;
}

const isXsl = (e: XmlElement, name: string): boolean => e.ns === XSL && e.name === name;

function* walk(e: XmlElement): Generator<XmlElement> {
  yield e;
  for (const c of e.children) yield* walk(c);
}

/** Parses one artefact. */
export function readArtefact(file: string): XsltArtefact {
  const root = parseXml(readFileSync(join(XSLT_DIR, file)), { maxBytes: 20_000_000, maxDepth: 200 });
  const templates: XsltTemplate[] = [];
  const variables = new Map<string, string>();
  for (const child of root.children) {
    if ((isXsl(child, 'variable') || isXsl(child, 'param')) && child.attrs.select !== undefined) {
      variables.set(child.attrs.name!, child.attrs.select);
    }
    if (!isXsl(child, 'template')) continue;
    const { mode, match, priority } = child.attrs;
    if (!mode || !/^M\d+$/.test(mode) || match === undefined || priority === undefined) continue;
    if (Number(priority) < 0) continue; // the built-in fallbacks (text(), @*|node())
    const asserts: XsltAssert[] = [];
    for (const e of walk(child)) {
      if (!isXsl(e, 'choose')) continue;
      const when = e.children.find((c) => isXsl(c, 'when'));
      const otherwise = e.children.find((c) => isXsl(c, 'otherwise'));
      const failed = otherwise?.children.find((c) => c.ns === SVRL && c.name === 'failed-assert');
      if (!when || !failed) continue;
      const attr = (name: string): string =>
        failed.children.find((c) => isXsl(c, 'attribute') && c.attrs.name === name)?.text ?? '';
      const flag = attr('flag');
      if (flag !== 'fatal' && flag !== 'warning') throw new Error(`${file}: unknown flag ${flag}`);
      const text = failed.children.find((c) => c.ns === SVRL && c.name === 'text')?.text ?? '';
      asserts.push({ id: attr('id'), flag, test: when.attrs.test ?? '', text: text.replace(/\s+/g, ' ') });
    }
    templates.push({ mode, priority: Number(priority), match, asserts });
  }
  return { file, templates, variables };
}

/** The codes of a `tokenize('A B C', '\s')` variable, or undefined when it is not one. */
export function tokenizedList(select: string): string[] | undefined {
  const m = /^\s*tokenize\('([^']*)',\s*'\\s'\)\s*$/.exec(select);
  return m ? m[1]!.split(/\s+/).filter(Boolean) : undefined;
}
