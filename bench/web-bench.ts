// `npm run bench -- web`: how fast the web app becomes usable, and how much it ships.
//
// - Time to interactive of the tasks page and of an order page with 200 lines, in Debian's Chromium
//   against a node on loopback (in this process, in-memory PGlite, demo data plus a 200-line order).
//   "Interactive" is the moment the page's data is rendered and its handlers are attached: the app sets a
//   performance mark (schakel:ready:<page>) in the commit that shows the data; the time is measured from
//   the start of navigation. Cold: a fresh browser context (empty cache, new session). Warm: a new tab in
//   the same context (assets from the cache, as on every later visit).
// - The size of the JavaScript and CSS in dist/web, raw and gzipped.
// BENCH_RUNS (default 15) sets the number of loads per page and mode.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from 'playwright-core';
import { WEB_ROOT } from '../src/api/web-static-plugin.ts';
import { startNode } from '../src/cli/start-node.ts';
import type { NewLineInput } from '../src/domain/order-create.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/demo/seed-demo.ts';
import type { Services } from '../src/app/node.ts';
import { launchBrowser } from '../test/e2e/support/browser.ts';
import { writeResults } from './bench-support.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const LINES = 200;

interface Timing {
  page: string;
  mode: 'cold' | 'warm';
  runs: number;
  readyMedianMs: number;
  readyP95Ms: number;
  domContentLoadedMedianMs: number;
}

interface AssetSize {
  file: string;
  rawBytes: number;
  gzipBytes: number;
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
};

/** Sizes of what the browser downloads: every script and stylesheet of the build. */
function assetSizes(): AssetSize[] {
  const dir = join(WEB_ROOT, 'assets');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  } catch {
    throw new Error('dist/web is missing: run "npm run build" first');
  }
  return files.map((file) => {
    const bytes = readFileSync(join(dir, file));
    return { file, rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
}

/** An order of 200 lines from the OEM to its assembler: 150 agreed, 50 with a split-delivery proposal. */
async function bigOrder(services: Services): Promise<string> {
  const oem = (await services.deps.store.companies.findByIdentifier('0088', '8719401000015'))!;
  const assembler = (await services.deps.store.companies.findByIdentifier('0088', '8719402000021'))!;
  const user = async (email: string) => (await services.deps.store.users.findByEmail(email))!;
  const caller = async (email: string, company: typeof oem) => {
    const u = await user(email);
    return {
      companyId: company.id,
      role: u.role,
      actor: { companyId: company.id, companyName: company.name, userId: u.id, tokenId: null, name: u.name },
    };
  };
  const buyer = await caller('anna@vandijk.example', oem);
  const seller = await caller('thijs@brabant-assemblage.example', assembler);
  const lines: NewLineInput[] = Array.from({ length: LINES }, (_, i) => ({
    lineId: String((i + 1) * 10),
    item: {
      buyerItemId: `VDM-2${String(i).padStart(5, '0')}`,
      sellerItemId: `BA-${4000 + i}`,
      name: `Montagedeel ${i + 1}, gezet en gepoedercoat`,
      description: i % 3 === 0 ? 'Volgens tekening, rev. B' : null,
    },
    unitCode: 'C62',
    price: { amount: (12.5 + i).toFixed(2), baseQuantity: '1' },
    schedule: [
      { date: '2099-03-01', quantity: String(10 + (i % 7)) },
      { date: '2099-04-01', quantity: '5' },
    ],
  }));
  const order = await services.issueOrder(buyer, {
    seller: '0088:8719402000021',
    number: 'BENCH-200',
    issueDate: '2026-01-05',
    currency: 'EUR',
    lines,
  });
  await services.respondToLines(
    seller,
    order.id,
    order.lines.map((l, i) =>
      i % 4 === 3
        ? {
            lineId: l.lineId,
            answer: 'propose' as const,
            note: 'Tweede levering een week later.',
            schedule: [
              { id: '1', date: '2099-03-01', quantity: l.requested.schedule[0]!.quantity },
              { id: '2', date: '2099-04-08', quantity: '5' },
            ],
          }
        : { lineId: l.lineId, answer: 'accept' as const },
    ),
  );
  return order.id;
}

async function loggedIn(browser: Browser, url: string, email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1366, height: 900 } });
  const r = await context.request.post(`${url}/api/v1/session`, { data: { email, password: DEMO_PASSWORD } });
  if (!r.ok()) throw new Error(`login failed: ${r.status()}`);
  return context;
}

/** Loads `path` in a new tab of `context` and returns [ready, domContentLoaded] in ms from navigation start. */
async function load(context: BrowserContext, url: string, name: string): Promise<[number, number]> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    const mark = `schakel:ready:${name}`;
    await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, { timeout: 30_000 });
    return await page.evaluate((m) => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return [performance.getEntriesByName(m)[0]!.startTime, nav.domContentLoadedEventEnd] as [
        number,
        number,
      ];
    }, mark);
  } finally {
    await page.close();
  }
}

async function measure(
  browser: Browser,
  base: string,
  target: { page: string; name: string; path: string; email: string },
): Promise<Timing[]> {
  const out: Timing[] = [];
  for (const mode of ['cold', 'warm'] as const) {
    const ready: number[] = [];
    const dcl: number[] = [];
    const shared = mode === 'warm' ? await loggedIn(browser, base, target.email) : null;
    if (shared) await load(shared, `${base}${target.path}`, target.name); // fill the cache
    for (let i = 0; i < RUNS; i++) {
      const context = shared ?? (await loggedIn(browser, base, target.email));
      const [r, d] = await load(context, `${base}${target.path}`, target.name);
      ready.push(r);
      dcl.push(d);
      if (!shared) await context.close();
    }
    await shared?.close();
    out.push({
      page: target.page,
      mode,
      runs: RUNS,
      readyMedianMs: percentile(ready, 50),
      readyP95Ms: percentile(ready, 95),
      domContentLoadedMedianMs: percentile(dcl, 50),
    });
  }
  return out;
}

/** Runs the web benchmark and prints two tables. */
export async function runWebBench(): Promise<void> {
  const assets = assetSizes();
  let orderId = '';
  const node = await startNode({
    prepare: async (services) => {
      await seedDemo(services);
      orderId = await bigOrder(services);
    },
  });
  const browser = await launchBrowser();
  try {
    const timings = [
      ...(await measure(browser, node.url, {
        page: 'tasks (supplier)',
        name: 'tasks',
        path: '/',
        email: 'thijs@brabant-assemblage.example',
      })),
      ...(await measure(browser, node.url, {
        page: `order detail, ${LINES} lines (buyer)`,
        name: 'order',
        path: `/orders/${orderId}`,
        email: 'anna@vandijk.example',
      })),
    ];
    const js = assets.filter((a) => a.file.endsWith('.js'));
    const total = {
      jsRawBytes: js.reduce((s, a) => s + a.rawBytes, 0),
      jsGzipBytes: js.reduce((s, a) => s + a.gzipBytes, 0),
      cssRawBytes: assets.filter((a) => a.file.endsWith('.css')).reduce((s, a) => s + a.rawBytes, 0),
      cssGzipBytes: assets.filter((a) => a.file.endsWith('.css')).reduce((s, a) => s + a.gzipBytes, 0),
    };
    const file = writeResults('web', {
      at: new Date().toISOString(),
      browser: browser.version(),
      runs: RUNS,
      lines: LINES,
      timings,
      assets,
      total,
      budget: { jsGzipBytes: 300 * 1024 },
    });
    console.log(
      `Time to interactive (ms from navigation start until the page's data is on screen), ${RUNS} runs each`,
    );
    console.table(
      timings.map((t) => ({
        page: t.page,
        cache: t.mode,
        'ready p50': t.readyMedianMs,
        'ready p95': t.readyP95Ms,
        'DOMContentLoaded p50': t.domContentLoadedMedianMs,
      })),
    );
    console.log('JavaScript and CSS shipped');
    const kb = (b: number) => Math.round(b / 102.4) / 10;
    console.table([
      ...assets.map((a) => ({ file: a.file, 'raw kB': kb(a.rawBytes), 'gzip kB': kb(a.gzipBytes) })),
      { file: 'total JavaScript', 'raw kB': kb(total.jsRawBytes), 'gzip kB': kb(total.jsGzipBytes) },
    ]);
    console.log(`JavaScript budget: 300 kB gzipped; used ${kb(total.jsGzipBytes)} kB`);
    console.log(`results: ${file}`);
  } finally {
    await browser.close();
    await node.close();
  }
}
