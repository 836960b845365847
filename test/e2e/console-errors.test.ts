// A visit without a session is not an error: the login page, a fresh visit to the app and the page
// after logging out log nothing of type "error" in the console (no 401 from a session probe), while a
// session that ends in the middle of work still shows the login page with "your session has expired".
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginByApi, newContext, ready } from './support/browser.ts';
import { DEMO_PASSWORD, startDemoNode, USERS, type DemoNode } from './support/demo-node.ts';

/** What the login page says after a session ended in the middle of work. */
const EXPIRED = 'Uw sessie is verlopen. Log opnieuw in.';

let env: DemoNode;
let browser: Browser;

beforeAll(async () => {
  [env, browser] = await Promise.all([startDemoNode(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await env?.close();
});

/** Console messages of type error, and the API requests that failed, from the moment it is called. */
function watch(page: Page): { errors: string[]; failedApi: string[] } {
  const seen = { errors: [] as string[], failedApi: [] as string[] };
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') seen.errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => seen.errors.push(`uncaught: ${e.message}`));
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) seen.failedApi.push(`${r.status()} ${r.url()}`);
  });
  return seen;
}

/** Waits until the login form is shown and every request the page started has been answered. */
async function loginShown(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Inloggen' }).waitFor();
  await page.waitForLoadState('networkidle');
}

async function withContext(run: (context: BrowserContext) => Promise<void>): Promise<void> {
  const context = await newContext(browser, { locale: 'nl-NL' });
  try {
    await run(context);
  } finally {
    await context.close();
  }
}

describe('console without a session', () => {
  it.each(['/login', '/', '/tasks', '/orders/purchase'])('logs no error on a fresh visit to %s', (path) =>
    withContext(async (context) => {
      const page = await context.newPage();
      const seen = watch(page);
      await page.goto(`${env.url}${path}`);
      await loginShown(page);
      expect(await page.getByText(EXPIRED).count()).toBe(0);
      expect(seen).toEqual({ errors: [], failedApi: [] });
    }),
  );

  it('logs no error after logging out, and none on the next visit', () =>
    withContext(async (context) => {
      await loginByApi(context, env.url, USERS.oemBuyer, DEMO_PASSWORD);
      const page = await context.newPage();
      await page.goto(env.url);
      await ready(page, 'tasks');
      // The page sees the hint (and so preloads its data), never the session cookie itself.
      const cookies = (): Promise<string> => page.evaluate(() => document.cookie);
      expect(await cookies()).toBe('schakel_session_hint=1');
      const seen = watch(page);
      await page.getByRole('button', { name: 'Uitloggen' }).click();
      await loginShown(page);
      expect(seen).toEqual({ errors: [], failedApi: [] });
      expect(await cookies()).toBe('');

      await page.reload();
      await loginShown(page);
      await page.goto(`${env.url}/login`);
      await loginShown(page);
      expect(seen).toEqual({ errors: [], failedApi: [] });
    }));

  it('logs in from the login page without an error', () =>
    withContext(async (context) => {
      const page = await context.newPage();
      const seen = watch(page);
      await page.goto(`${env.url}/login`);
      await loginShown(page);
      await page.getByLabel('E-mailadres').fill(USERS.oemBuyer);
      await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await ready(page, 'tasks');
      expect(seen).toEqual({ errors: [], failedApi: [] });
    }));
});

describe('a session that ends in the middle of work', () => {
  it('still shows the login page saying the session expired; the next visit is clean again', () =>
    withContext(async (context) => {
      await loginByApi(context, env.url, USERS.oemBuyer, DEMO_PASSWORD);
      const page = await context.newPage();
      await page.goto(env.url);
      await ready(page, 'tasks');

      // The node forgets the session; the browser keeps its cookies (and the hint) as they were.
      const session = (await context.cookies()).find((c) => c.name === 'schakel_session')!;
      const ended = await fetch(`${env.url}/api/v1/session`, {
        method: 'DELETE',
        headers: { cookie: `schakel_session=${session.value}` },
      });
      expect(ended.status).toBe(204);
      expect((await context.cookies()).map((c) => c.name).sort()).toEqual([
        'schakel_session',
        'schakel_session_hint',
      ]);

      await page.getByRole('link', { name: 'Inkooporders' }).click();
      await page.getByRole('button', { name: 'Inloggen' }).waitFor();
      await page.getByText(EXPIRED).waitFor();
      // The app dropped the hint, so the next visit asks only whether there is a session.
      expect((await context.cookies()).map((c) => c.name)).toEqual(['schakel_session']);

      const seen = watch(page);
      await page.reload();
      await loginShown(page);
      expect(await page.getByText(EXPIRED).count()).toBe(0);
      expect(seen).toEqual({ errors: [], failedApi: [] });
    }));
});
