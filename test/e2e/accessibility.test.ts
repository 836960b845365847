// WCAG 2.1 AA on the main flows: axe-core finds no serious or critical violations on the login page, the
// tasks, the order lists, the order page (with and without a dialog open), the new order form (also with
// its error messages), partners and settings; the app works with the keyboard alone, focus is visible,
// and a tablet gets the whole app without sideways scrolling. All axe findings go to
// test-results/e2e/axe-report.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axe,
  launchBrowser,
  loginByApi,
  newContext,
  ready,
  screenshot,
  severe,
  SHOTS,
  type AxeViolation,
} from './support/browser.ts';
import { DEMO_PASSWORD, startDemoNode, USERS, type DemoNode } from './support/demo-node.ts';

let env: DemoNode;
let browser: Browser;
const report: Record<string, AxeViolation[]> = {};

beforeAll(async () => {
  [env, browser] = await Promise.all([startDemoNode(), launchBrowser()]);
});

afterAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(join(SHOTS, 'axe-report.json'), JSON.stringify(report, null, 2));
  await browser?.close();
  await env?.close();
});

async function orderId(token: string, number: string): Promise<string> {
  const r = await fetch(`${env.url}/api/v1/orders?q=${number}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await r.json()) as { items: { id: string; number: string }[] }).items.find(
    (o) => o.number === number,
  )!.id;
}

const token = (key: string) => env.demo.companies.find((c) => c.key === key)!.token;

/** Runs axe, records everything, and expects nothing serious or critical. */
async function check(page: Page, name: string): Promise<void> {
  const violations = await axe(page);
  report[name] = violations;
  expect(severe(violations), `${name}: ${JSON.stringify(severe(violations), null, 2)}`).toEqual([]);
}

async function signedIn(email: string, locale = 'nl-NL', viewport?: { width: number; height: number }) {
  const context = await newContext(browser, { locale, ...(viewport ? { viewport } : {}) });
  await loginByApi(context, env.url, email, DEMO_PASSWORD);
  return { context, page: await context.newPage() };
}

describe('axe-core: no serious or critical WCAG 2.1 AA violations', () => {
  it('login page (empty and with errors)', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(env.url);
    await page.getByRole('button', { name: 'Inloggen' }).waitFor();
    await check(page, 'login');
    await screenshot(page, 'login');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await check(page, 'login-errors');
    await context.close();
  });

  it('tasks, order lists, partners and settings', async () => {
    const { context, page } = await signedIn(USERS.oemAdmin);
    for (const [path, name] of [
      ['/', 'tasks'],
      ['/orders/purchase', 'orders-buyer'],
      ['/orders/sales', 'orders-seller'],
      ['/partners', 'partners'],
      ['/settings', 'settings'],
    ] as const) {
      await page.goto(`${env.url}${path}`);
      await ready(page, name);
      await page.waitForLoadState('networkidle');
      await check(page, name);
    }
    await screenshot(page, 'settings');
    await context.close();
  });

  it('order page for the buyer (proposals) and the supplier (open lines), also with a dialog open', async () => {
    const buyer = await signedIn(USERS.oemBuyer);
    await buyer.page.goto(`${env.url}/orders/${await orderId(token('oem'), 'VDM-PO-26105')}`);
    await ready(buyer.page, 'order');
    await buyer.page.waitForLoadState('networkidle');
    await check(buyer.page, 'order-buyer-proposals');
    await screenshot(buyer.page, 'order-detail-buyer-proposals');
    await buyer.page
      .getByRole('button', { name: /^Voorstel afwijzen regel/ })
      .first()
      .click();
    await check(buyer.page, 'order-dialog-reject-proposal');
    await buyer.context.close();

    const seller = await signedIn(USERS.assemblerSales, 'en-GB');
    await seller.page.goto(`${env.url}/orders/${await orderId(token('assembler'), 'VDM-PO-26109')}`);
    await ready(seller.page, 'order');
    await seller.page.waitForLoadState('networkidle');
    await check(seller.page, 'order-seller');
    await seller.page.getByRole('button', { name: 'Ship' }).click();
    await check(seller.page, 'order-dialog-ship');
    await screenshot(seller.page, 'order-dialog-ship');
    await seller.page.keyboard.press('Escape');
    await seller.page.goto(`${env.url}/orders/${await orderId(token('assembler'), 'VDM-PO-26107')}`);
    await ready(seller.page, 'order');
    await seller.page.getByRole('button', { name: 'Propose other terms line 10' }).click();
    await check(seller.page, 'order-dialog-propose');
    await seller.context.close();
  });

  it('new order form, empty and with error messages', async () => {
    const { context, page } = await signedIn(USERS.oemBuyer);
    await page.goto(`${env.url}/orders/new`);
    await ready(page, 'newOrder');
    await check(page, 'new-order');
    await page.getByRole('button', { name: 'Order versturen' }).click();
    await page.locator('.error-summary').waitFor();
    await check(page, 'new-order-errors');
    await context.close();
  });
});

/** Presses Tab until the focused element matches, at most `max` times. */
async function tabTo(page: Page, matches: (el: { text: string; tag: string }) => boolean, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => ({
      // The accessible name as far as these controls need it: aria-label, else the text.
      text:
        document.activeElement?.getAttribute('aria-label') ??
        document.activeElement?.textContent?.trim() ??
        '',
      tag: document.activeElement?.tagName ?? '',
    }));
    if (matches(el)) return;
  }
  throw new Error('element not reached with Tab');
}

const focusOutline = (page: Page) =>
  page.evaluate(() => {
    const s = getComputedStyle(document.activeElement!);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });

describe('keyboard', () => {
  let context: BrowserContext;
  afterAll(() => context?.close());

  it('skip link, visible focus, and an order answered with the keyboard alone', async () => {
    ({ context } = await signedIn(USERS.assemblerSales, 'en-GB'));
    const page = await context.newPage();
    await page.goto(`${env.url}/orders/${await orderId(token('assembler'), 'VDM-PO-26107')}`);
    await ready(page, 'order');

    // The first Tab shows the skip link; following it moves focus to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    expect((await page.locator('.skip-link').boundingBox())!.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // Every stop on the way shows a focus outline.
    await tabTo(page, (el) => el.text.startsWith('Propose other terms'));
    expect(await focusOutline(page)).toMatchObject({ style: 'solid' });
    expect((await focusOutline(page)).width).toBeGreaterThanOrEqual(2);

    // Open the dialog with Enter: focus is inside; Escape closes it and focus returns.
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Propose other terms');

    // Reject line 20 with a reason, all by keyboard.
    await tabTo(page, (el) => el.text === 'Reject line 20');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await tabTo(page, (el) => el.tag === 'TEXTAREA');
    await page.keyboard.type('Not deliverable before March.');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Reject line');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[id="line-20"] .line-state').innerText()).toContain('Rejected');
  });

  it('the main menu is reachable and marks the current page', async () => {
    const page = await context.newPage();
    await page.goto(`${env.url}/orders/sales`);
    await ready(page, 'orders-seller');
    await tabTo(page, (el) => el.text === 'Partners');
    await page.keyboard.press('Enter');
    await ready(page, 'partners');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('page-title');
    expect(await page.getByRole('link', { name: 'Partners' }).getAttribute('aria-current')).toBe('page');
  });
});

describe('tablet', () => {
  it('fits 768 px without sideways scrolling, with a menu button', async () => {
    const { context, page } = await signedIn(USERS.oemBuyer, 'nl-NL', { width: 768, height: 1024 });
    const id = await orderId(token('oem'), 'VDM-PO-26105');
    for (const [path, name] of [
      ['/', 'tasks'],
      ['/orders/purchase', 'orders-buyer'],
      [`/orders/${id}`, 'order'],
      ['/orders/new', 'newOrder'],
    ] as const) {
      await page.goto(`${env.url}${path}`);
      await ready(page, name);
      const widths = await page.evaluate(() => ({
        doc: document.documentElement.scrollWidth,
        view: innerWidth,
      }));
      expect(widths.doc, path).toBeLessThanOrEqual(widths.view);
      await screenshot(page, `tablet-${name}`);
    }
    await check(page, 'tablet-new-order');
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /^Taken/ })
      .click();
    await ready(page, 'tasks');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await context.close();
  });
});
