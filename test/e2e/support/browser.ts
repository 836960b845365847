// Debian's Chromium driven by playwright-core (no browser download), plus the helpers every browser
// test uses: logging in, screenshots, axe-core checks and waiting for a page's data.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { WEB_ROOT } from '../../../src/api/web-static-plugin.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = join(import.meta.dirname, '..', '..', '..', 'test-results', 'e2e');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium; fails with what to do when it or the web build is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. The browser tests use Debian's Chromium: ` +
        'run "apt-get install chromium" (CI does this in .ci/run), or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error('The web app is not built: run "npm run build" (npm run test:e2e does it for you).');
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export interface ContextOptions {
  /** Browser language, e.g. 'nl-NL' or 'en-GB'. */
  locale?: string;
  /** Tablet portrait is 768×1024. */
  viewport?: { width: number; height: number };
}

export async function newContext(browser: Browser, options: ContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: options.locale ?? 'nl-NL',
    viewport: options.viewport ?? { width: 1366, height: 900 },
    timezoneId: 'Europe/Amsterdam',
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/** Logs in through the API (sets the session cookie in the context); the login page has its own test. */
export async function loginByApi(
  context: BrowserContext,
  baseUrl: string,
  email: string,
  password: string,
): Promise<void> {
  const r = await context.request.post(`${baseUrl}/api/v1/session`, { data: { email, password } });
  if (!r.ok()) throw new Error(`login of ${email} failed: ${r.status()} ${await r.text()}`);
}

/** Waits until the named page has shown its data (see useReadyMark in the web app). */
export async function ready(page: Page, name: string): Promise<void> {
  await page.waitForFunction((n) => document.body.dataset.ready === n, name);
}

/** Waits until the live-update stream is connected. */
export async function live(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.live === 'on');
}

/** Saves a full-page screenshot to test-results/e2e/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  // From the top, so that the sticky header is where it belongs in a full-page image.
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await page.screenshot({ path, fullPage: true });
  return path;
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA plus best practices) on the page as it is now. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  // evaluate() is not subject to the page's Content-Security-Policy, unlike an injected <script>.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: (ctx: Document, o: unknown) => Promise<{ violations: AxeViolation[] }> };
    };
    const result = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  });
}

/** Violations that fail a test: serious and critical. */
export const severe = (violations: AxeViolation[]): AxeViolation[] =>
  violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
