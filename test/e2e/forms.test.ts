// Forms: nothing is sent until the input is valid (messages next to the fields and a summary); what the
// node still refuses appears in plain language next to the field it names; a stale order version is
// explained and the page reloads.
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, live, loginByApi, newContext, ready, screenshot } from './support/browser.ts';
import { DEMO_PASSWORD, startDemoNode, USERS, type DemoNode } from './support/demo-node.ts';

let env: DemoNode;
let browser: Browser;

beforeAll(async () => {
  [env, browser] = await Promise.all([startDemoNode(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await env?.close();
});

/** Records the API writes a page makes. */
function writes(page: Page): Request[] {
  const sent: Request[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET' && r.url().includes('/api/v1/')) sent.push(r);
  });
  return sent;
}

const errorOf = (page: Page, id: string) => page.locator(`#${id}-error`).innerText();

async function orderIdByNumber(number: string): Promise<string> {
  const company = env.demo.companies.find((c) => c.key === 'oem')!;
  const r = await fetch(`${env.url}/api/v1/orders?q=${number}`, {
    headers: { authorization: `Bearer ${company.token}` },
  });
  const body = (await r.json()) as { items: { id: string; number: string }[] };
  return body.items.find((o) => o.number === number)!.id;
}

describe('new purchase order form', () => {
  it('sends nothing until valid and shows each problem next to its field', async () => {
    const context = await newContext(browser, { locale: 'nl-NL' });
    await loginByApi(context, env.url, USERS.oemBuyer, DEMO_PASSWORD);
    const page = await context.newPage();
    const sent = writes(page);
    await page.goto(`${env.url}/orders/new`);
    await ready(page, 'newOrder');

    await page.getByRole('button', { name: 'Order versturen' }).click();
    expect(await errorOf(page, 'f-seller')).toContain('Kies een leverancier.');
    expect(await errorOf(page, 'f-number')).toContain('Vul uw ordernummer in.');
    expect(await errorOf(page, 'f-lines-0-item-name')).toContain('Omschrijf het artikel.');
    expect(await errorOf(page, 'f-lines-0-price-amount')).toContain('Vul een prijs in.');
    expect(await errorOf(page, 'f-lines-0-schedule-0-quantity')).toContain('Vul een aantal in.');
    expect(await page.locator('#f-number').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-number').getAttribute('aria-describedby')).toContain('f-number-error');
    // The summary names every problem, takes focus, and links to the fields.
    const summary = page.locator('.error-summary');
    expect(await summary.locator('h2').innerText()).toBe('Er zijn 5 problemen');
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('summary-focus');
    expect(await summary.getByRole('link').allInnerTexts()).toEqual([
      'Leverancier: Kies een leverancier.',
      'Uw ordernummer: Vul uw ordernummer in.',
      'Regel 10, Omschrijving artikel: Omschrijf het artikel.',
      'Regel 10, Prijs (EUR): Vul een prijs in.',
      'Regel 10, Aantal 1: Vul een aantal in.',
    ]);
    await summary.getByRole('link', { name: 'Uw ordernummer: Vul uw ordernummer in.' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-number');
    await screenshot(page, 'new-order-errors');

    // Wrong numbers and dates are explained too; a Dutch decimal comma is fine.
    await page
      .getByLabel('Leverancier', { exact: true })
      .selectOption({ label: 'Brabant Assemblage B.V. (Helmond)' });
    await page.locator('#f-number').fill('VDM-PO-E2E-FORM');
    await page.locator('#f-lines-0-item-name').fill('Beschermkap');
    await page.locator('#f-lines-0-price-amount').fill('twaalf');
    await page.locator('#f-lines-0-schedule-0-quantity').fill('0');
    await page.locator('#f-lines-0-schedule-0-date').fill('2001-01-01');
    await page.getByRole('button', { name: 'Order versturen' }).click();
    expect(await errorOf(page, 'f-lines-0-price-amount')).toContain('Vul een getal in, bijvoorbeeld 12,5.');
    expect(await errorOf(page, 'f-lines-0-schedule-0-quantity')).toContain(
      'Vul een getal groter dan nul in.',
    );
    expect(await errorOf(page, 'f-lines-0-schedule-0-date')).toContain(
      'De leverdatum kan niet vóór de orderdatum liggen.',
    );
    expect(await page.locator('#f-seller-error').count()).toBe(0);
    expect(sent).toEqual([]);

    // The node refuses an order number that is already used: the message stands next to the number.
    await page.locator('#f-number').fill('VDM-PO-26101');
    await page.locator('#f-lines-0-price-amount').fill('1.275,50');
    await page.locator('#f-lines-0-schedule-0-quantity').fill('3');
    await page.locator('#f-lines-0-schedule-0-date').fill('2099-06-01');
    await page.getByRole('button', { name: 'Order versturen' }).click();
    await expect.poll(() => errorOf(page, 'f-number')).toContain('Dit is al gebruikt. Kies een ander.');
    expect(await page.locator('.error-summary').innerText()).toContain('Uw ordernummer: Dit is al gebruikt.');
    expect(sent.map((r) => `${r.method()} ${new URL(r.url()).pathname}`)).toEqual(['POST /api/v1/orders']);
    expect(sent[0]!.postDataJSON()).toMatchObject({
      number: 'VDM-PO-26101',
      lines: [
        { lineId: '10', price: { amount: '1275.5' }, schedule: [{ quantity: '3', date: '2099-06-01' }] },
      ],
    });
    expect(await page.locator('main').innerText()).not.toMatch(/stack|Error:|at .*\.ts/);
    await screenshot(page, 'new-order-server-error');
    await context.close();
  });
});

describe('answering lines', () => {
  it('asks for a reason before rejecting, and shows the refusal of a proposal equal to the request', async () => {
    const context = await newContext(browser, { locale: 'en-GB' });
    await loginByApi(context, env.url, USERS.assemblerSales, DEMO_PASSWORD);
    const page = await context.newPage();
    const sent = writes(page);
    await page.goto(`${env.url}/orders/${await orderIdByNumber('VDM-PO-26107')}`);
    await ready(page, 'order');

    await page.getByRole('button', { name: 'Reject line 10' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Reject line' }).click();
    expect(await errorOf(page, 'f-reason')).toContain('Give a reason, so that your partner can act on it.');
    expect(sent).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    // Focus returns to the button that opened the dialog.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Reject');

    await page.getByRole('button', { name: 'Propose other terms line 10' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send proposal' }).click();
    expect(await page.getByRole('dialog').getByRole('alert').innerText()).toContain(
      'Change the price or a delivery first',
    );
    expect(sent).toEqual([]);
    await context.close();
  });
});

describe('a change by someone else in the meantime', () => {
  it('explains the version conflict in plain words, reloads, and succeeds on the next try', async () => {
    const context = await newContext(browser, { locale: 'nl-NL' });
    await loginByApi(context, env.url, USERS.oemBuyer, DEMO_PASSWORD);
    const page = await context.newPage();
    const id = await orderIdByNumber('VDM-PO-26108');
    await page.goto(`${env.url}/orders/${id}`);
    await ready(page, 'order');
    await live(page);

    await page.getByRole('button', { name: 'Wijzigen regel 10' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Prijs in EUR per stuk').fill('1850');

    // Meanwhile a colleague changes the same order (another session of the same company).
    const r = await context.request.get(`${env.url}/api/v1/orders/${id}`);
    const change = await context.request.post(`${env.url}/api/v1/orders/${id}/change`, {
      headers: { 'if-match': r.headers().etag! },
      data: { change: [{ lineId: '10', quantity: '9' }], reason: 'Collega: nog een machine erbij.' },
    });
    expect(change.status()).toBe(200);
    // The open form says the order changed (live update) …
    await expect.poll(() => dialog.locator('.alert-warning').count()).toBe(1);

    // … and sending it anyway is refused with a plain explanation; the form keeps what was typed.
    await dialog.getByRole('button', { name: 'Wijziging versturen' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').innerText())
      .toContain('Deze order is intussen gewijzigd');
    expect(await dialog.getByLabel('Prijs in EUR per stuk').inputValue()).toBe('1850');
    await expect
      .poll(() => page.locator('#history').innerText())
      .toContain('Collega: nog een machine erbij.');
    await screenshot(page, 'order-version-conflict');

    // The next attempt is based on the version now on screen, and goes through.
    await dialog.getByRole('button', { name: 'Wijziging versturen' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await page.locator('[data-notice="success"]').innerText()).toContain(
      'Wijziging van regel 10 verstuurd.',
    );
    // The new price, on top of the colleague's quantity (the untouched schedule followed the order).
    const requested = await page.locator('[id="line-10"] .line-requested').innerText();
    expect(requested).toMatch(/€\s1\.850,00 per stuk/);
    expect(requested).toMatch(/^9 st/);
    await context.close();
  });

  it('shows a plain message when a one-click action meets a newer version', async () => {
    const context = await newContext(browser, { locale: 'en-GB' });
    await loginByApi(context, env.url, USERS.assemblerSales, DEMO_PASSWORD);
    const page = await context.newPage();
    const id = await orderIdByNumber('VDM-PO-26106');
    // No live updates on this page, so the view stays at the old version.
    await page.route('**/api/v1/events', (route) => route.abort());
    await page.goto(`${env.url}/orders/${id}`);
    await ready(page, 'order');
    const r = await context.request.get(`${env.url}/api/v1/orders/${id}`);
    await context.request.post(`${env.url}/api/v1/orders/${id}/respond`, {
      headers: { 'if-match': r.headers().etag! },
      data: {
        answers: [
          {
            lineId: '10',
            answer: 'propose',
            note: 'Later',
            schedule: [{ date: '2099-01-01', quantity: '8' }],
          },
        ],
      },
    });
    await page.getByRole('button', { name: 'Accept line 10' }).click();
    await expect
      .poll(() => page.locator('[data-notice="error"]').innerText())
      .toContain('This order was changed in the meantime');
    // Reloaded: the line now shows the proposal made meanwhile.
    await expect.poll(() => page.locator('[id="line-10"] .line-state').innerText()).toContain('Proposal');
    await context.close();
  });
});
