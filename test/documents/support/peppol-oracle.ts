// The official Peppol validation artefacts as a test oracle: each compiled-Schematron XSLT is compiled
// once to SEF JSON with xslt3 (slow: up to a minute for the big ones) into a cache outside git, keyed by
// the file's hash, and then run with saxon-js (fast) on any number of documents. The failed asserts in
// the SVRL output are what the official validator reports; Schakel's findings are compared with them.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '../../..');

/** The shared material (standards, fixtures) next to the project; absent in a clone elsewhere. */
export const SHARED_DIR = join(root, '../shared');
export const XSLT_DIR = join(SHARED_DIR, 'standards/peppol-bis-3-2026.5/xslt');
export const SHARED_PRESENT = existsSync(XSLT_DIR);
export const SHARED_SKIP_REASON = `../shared (${SHARED_DIR}) is absent: the Peppol oracle tests are skipped. They need the official validation artefacts in ../shared/standards.`;

// In the user's cache, not node_modules: `npm ci` wipes node_modules, and compiling all artefacts takes
// minutes. The key is the artefact's content hash, so a stale entry can never be used.
const CACHE_DIR =
  process.env.SCHAKEL_SEF_CACHE ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'schakel-peppol-sef');
const require = createRequire(import.meta.url);

interface SaxonJsApi {
  transform(options: Record<string, unknown>, mode?: 'sync'): { principalResult: unknown };
}
const SaxonJS = require('saxon-js') as SaxonJsApi;

/** One failed assert from the SVRL output. */
export interface OracleAssert {
  id: string;
  flag: string;
  location: string;
}

/** The outcome of running an official validator: its failed asserts, or the dynamic error that stopped it. */
export type OracleResult = { ok: true; asserts: OracleAssert[] } | { ok: false; error: string };

/** Compiles a stylesheet to SEF JSON with xslt3 (plain JavaScript, run with the Node that runs the tests). */
export function compileStylesheet(source: string, target: string): Promise<void> {
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [require.resolve('xslt3/xslt3.js'), `-xsl:${source}`, `-export:${partial}`, '-nogo', '-relocate:on'],
      { timeout: 20 * 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (error) return reject(new Error(`xslt3 failed for ${source}: ${stderr || error.message}`));
        renameSync(partial, target); // atomic: parallel workers never read a half-written file
        resolve();
      },
    );
  });
}

// The artefacts do not change while tests run: hash each once per process, not on every lookup.
const sefPaths = new Map<string, string>();

/** Where the SEF of an official artefact is cached (keyed by the artefact's content hash). */
function sefPath(xsltFile: string): string {
  let path = sefPaths.get(xsltFile);
  if (!path) {
    const hash = createHash('sha256')
      .update(readFileSync(join(XSLT_DIR, xsltFile)))
      .digest('hex')
      .slice(0, 16);
    path = join(CACHE_DIR, `${xsltFile.replace(/\.xslt$/, '')}-${hash}.sef.json`);
    sefPaths.set(xsltFile, path);
  }
  return path;
}

/** Path of the compiled SEF for one artefact, compiling it synchronously when the cache lacks it. */
export function compiledSef(xsltFile: string): string {
  const target = sefPath(xsltFile);
  if (existsSync(target)) return target;
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.tmp`;
  execFileSync(
    process.execPath,
    [
      require.resolve('xslt3/xslt3.js'),
      `-xsl:${join(XSLT_DIR, xsltFile)}`,
      `-export:${partial}`,
      '-nogo',
      '-relocate:on',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], timeout: 20 * 60_000 },
  );
  renameSync(partial, target);
  return target;
}

/** SEF paths of the given official artefacts, compiling the missing ones (two at a time) first. */
export async function compiledSefs(xsltFiles: string[]): Promise<Record<string, string>> {
  const missing = xsltFiles.filter((f) => !existsSync(sefPath(f)));
  const queue = [...missing];
  const worker = async (): Promise<void> => {
    for (let f = queue.shift(); f; f = queue.shift()) await compileStylesheet(join(XSLT_DIR, f), sefPath(f));
  };
  await Promise.all([worker(), worker()]);
  return Object.fromEntries(xsltFiles.map((f) => [f, sefPath(f)]));
}

const ASSERT_RE = /<svrl:failed-assert\b([^>]*)>/g;
const attr = (attrs: string, name: string): string =>
  new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1] ?? '';

// The parsed SEF per file, once per process: given a file name, saxon-js reads and parses the JSON (up
// to tens of MB) and prepares the stylesheet again on every call; given the parsed object it prepares it
// once (it marks the object as primed) and reuses it. The cache key is the path, which names the
// artefact's content hash, so an entry is never stale.
const loadedSefs = new Map<string, { stylesheet: unknown; baseUri: string }>();

function loadedSef(sefFile: string): { stylesheet: unknown; baseUri: string } {
  let loaded = loadedSefs.get(sefFile);
  if (!loaded) {
    loaded = {
      stylesheet: JSON.parse(readFileSync(sefFile, 'utf8')),
      baseUri: pathToFileURL(sefFile).href,
    };
    loadedSefs.set(sefFile, loaded);
  }
  return loaded;
}

/** Runs a compiled official validator on a document and returns its failed asserts. */
export function runOracle(sefFile: string, xml: string): OracleResult {
  let svrl: string;
  try {
    const { stylesheet, baseUri } = loadedSef(sefFile);
    const out = SaxonJS.transform(
      {
        stylesheetInternal: stylesheet,
        stylesheetBaseURI: baseUri,
        sourceText: xml,
        destination: 'serialized',
      },
      'sync',
    );
    svrl = String(out.principalResult);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  const asserts: OracleAssert[] = [];
  for (const m of svrl.matchAll(ASSERT_RE)) {
    const a = m[1]!;
    asserts.push({ id: attr(a, 'id'), flag: attr(a, 'flag'), location: attr(a, 'location') });
  }
  return { ok: true, asserts };
}
