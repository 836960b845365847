// The pages around the order: logging in, the task list (one click to where a task is done), the order
// lists with their filters and counts, the language switch, partners and settings (API tokens).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginByApi, newContext, ready, screenshot } from './support/browser.ts';
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

describe('logging in', () => {
  it('says plainly when the password is wrong, and lets a demo user in', async () => {
    const context = await newContext(browser, { locale: 'nl-NL' });
    const page = await context.newPage();
    await page.goto(env.url);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    // Checked before anything is sent: the messages stand next to the fields.
    expect(await page.locator('#f-email-error').innerText()).toContain('Vul uw e-mailadres in.');
    expect(await page.locator('#f-password-error').innerText()).toContain('Vul uw wachtwoord in.');
    expect(await page.locator('#f-email').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('E-mailadres').fill(USERS.oemBuyer);
    await page.getByLabel('Wachtwoord').fill('not the password');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toContain('Het e-mailadres of het wachtwoord klopt niet.');

    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await ready(page, 'tasks');
    expect(await page.locator('.company-name').innerText()).toBe('Van Dijk Machinebouw B.V.');

    // Logging out ends the session: the API refuses the cookie afterwards.
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('button', { name: 'Inloggen' }).waitFor();
    expect((await context.request.get(`${env.url}/api/v1/me`)).status()).toBe(401);
    await context.close();
  });
});

describe('tasks', () => {
  it('groups what needs attention and leads in one click to where it is done', async () => {
    const context = await newContext(browser, { locale: 'nl-NL' });
    await loginByApi(context, env.url, USERS.oemBuyer, DEMO_PASSWORD);
    const page = await context.newPage();
    await page.goto(env.url);
    await ready(page, 'tasks');
    const headings = await page.locator('main h2').allInnerTexts();
    expect(headings.map((h) => h.replace(/\s+\d+$/, ''))).toEqual([
      'Facturen die niet kloppen',
      'Te late leveringen',
      'Bevestiging blijft uit',
      'Voorstellen om te beslissen',
    ]);
    expect(await page.locator('.nav-count').innerText()).toBe('4');
    await screenshot(page, 'tasks-buyer');

    // The invoice task opens the order at the invoice, with focus on it.
    const invoices = page.getByRole('region', { name: /Facturen die niet kloppen/ });
    await invoices.getByRole('link', { name: /VDM-PO-26102/ }).click();
    await ready(page, 'order');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^invoice-/);
    expect(await page.locator('.invoice-head').innerText()).toContain('Klopt niet');
    expect(await page.locator('.invoice').innerText()).toContain('Prijs wijkt af van de afgesproken prijs');

    await page.getByRole('button', { name: 'Goedkeuren BA-F-26-0231' }).click();
    await page
      .getByRole('dialog')
      .getByLabel('Reden')
      .fill('Meerprijs voor extra kabelgoot telefonisch afgesproken.');
    await page.getByRole('dialog').getByRole('button', { name: 'Goedkeuren' }).click();
    await expect.poll(() => page.locator('.invoice-head').innerText()).toContain('Goedgekeurd');

    // Back on the task list the task is gone, and the count in the menu follows.
    await page.getByRole('link', { name: /^Taken/ }).click();
    await ready(page, 'tasks');
    await expect.poll(() => page.locator('.nav-count').innerText()).toBe('3');
    expect(await page.locator('main').innerText()).not.toContain('Facturen die niet kloppen');
    // Focus moves to the new page's heading after navigating.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('page-title');
    await context.close();
  });

  it('shows the supplier what to confirm and which changes to answer', async () => {
    const context = await newContext(browser, { locale: 'en-GB' });
    await loginByApi(context, env.url, USERS.assemblerSales, DEMO_PASSWORD);
    const page = await context.newPage();
    await page.goto(env.url);
    await ready(page, 'tasks');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Orders to confirm');
    expect(text).toContain('Changes to answer');
    const confirm = page.getByRole('region', { name: /Orders to confirm/ });
    expect(await confirm.getByRole('link').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('VDM-PO-26107')]),
    );
    await screenshot(page, 'tasks-supplier');
    await context.close();
  });

  it('shows a directory that still holds the card with the old keys, why, and until when to fix it', async () => {
    const brabant = env.demo.companies.find((c) => c.name.startsWith('Brabant'))!;
    const { services } = env.node;
    const store = services.deps.store;
    const [key] = await store.partners.keys(brabant.id);
    const directoryUrl = 'http://127.0.0.1:1';
    const now = new Date().toISOString();
    await store.cardRegistrations.recordAccepted({
      companyId: brabant.id,
      directoryUrl,
      participant: brabant.identifier,
      endpoint: env.url,
      issuedAt: now,
      signedBy: [key!.kid],
      at: now,
    });
    await services.rotateSigningKey(brabant.id, 3 * 24 * 60 * 60_000);
    await store.cardRegistrations.recordFailure(
      brabant.id,
      directoryUrl,
      'HTTP 401: no key of the card',
      now,
      null,
    );

    const context = await newContext(browser, { locale: 'en-GB' });
    await loginByApi(context, env.url, USERS.assemblerSales, DEMO_PASSWORD);
    const page = await context.newPage();
    await page.goto(env.url);
    await ready(page, 'tasks');
    const group = page.getByRole('region', { name: /Directory cards not refreshed/ });
    const text = await group.innerText();
    expect(text).toContain(directoryUrl);
    expect(text).toContain('Last error: HTTP 401: no key of the card');
    expect(text).toContain('Must be refreshed before');
    // Nothing to open: the row is not a link.
    expect(await group.getByRole('link').count()).toBe(0);
    await screenshot(page, 'tasks-directory');
    await context.close();
  });
});

describe('order lists', () => {
  it('counts per status, filters by status, search, partner and lateness, and keeps filters in the URL', async () => {
    const context = await newContext(browser, { locale: 'nl-NL' });
    await loginByApi(context, env.url, USERS.assemblerBuyer, DEMO_PASSWORD);
    const page = await context.newPage();
    await page.goto(`${env.url}/orders/purchase`);
    await ready(page, 'orders-buyer');
    const rows = () => page.locator('.orders-table tbody tr');
    const total = await rows().count();
    expect(await page.getByRole('button', { name: /^Alle/ }).innerText()).toContain(String(total));
    await screenshot(page, 'orders-purchase');

    // A status chip filters, and says it is pressed.
    const chip = page.getByRole('button', { name: /^Geannuleerd/ });
    await chip.click();
    await expect.poll(() => rows().count()).toBe(1);
    expect(await chip.getAttribute('aria-pressed')).toBe('true');
    expect(await rows().first().innerText()).toContain('BA-IO-5212');
    expect(page.url()).toContain('status=cancelled');
    await page.getByRole('button', { name: /^Alle/ }).click();
    await expect.poll(() => rows().count()).toBe(total);

    // Search by number.
    await page.getByRole('searchbox', { name: 'Zoeken' }).fill('5203');
    await page.getByRole('searchbox', { name: 'Zoeken' }).press('Enter');
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().innerText()).toContain('BA-IO-5203');
    await page.getByRole('button', { name: 'Filters wissen' }).click();
    await expect.poll(() => rows().count()).toBe(total);

    // By partner, and late only.
    await page.getByLabel('Leverancier').selectOption({ label: 'Plaatwerk Achterhoek B.V.' });
    await expect
      .poll(async () => (await rows().allInnerTexts()).every((r) => r.includes('Plaatwerk Achterhoek')))
      .toBe(true);
    await page.getByLabel('Leverancier').selectOption({ label: 'Alle' });
    await page.getByLabel('Alleen te laat').check();
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().innerText()).toMatch(/BA-IO-5204[\s\S]*Te laat/);

    // The filters are in the URL: a reload keeps them.
    await page.reload();
    await ready(page, 'orders-buyer');
    expect(await page.getByLabel('Alleen te laat').isChecked()).toBe(true);
    expect(await rows().count()).toBe(1);

    // Date range.
    await page.getByRole('button', { name: 'Filters wissen' }).click();
    await page.getByLabel('Orderdatum vanaf').fill('2000-01-01');
    await page.getByLabel('Orderdatum tot en met').fill('2000-12-31');
    await expect
      .poll(() => page.locator('.empty').innerText())
      .toContain('Geen orders gevonden met deze filters.');
    await context.close();
  });

  it('lists sales orders for the supplier', async () => {
    const context = await newContext(browser, { locale: 'en-GB' });
    await loginByApi(context, env.url, USERS.assemblerSales, DEMO_PASSWORD);
    const page = await context.newPage();
    await page.goto(`${env.url}/orders/sales`);
    await ready(page, 'orders-seller');
    expect(await page.locator('h1').innerText()).toBe('Sales orders');
    expect(await page.locator('.orders-table thead').innerText()).toContain('CUSTOMER');
    expect(await page.locator('.orders-table').innerText()).toContain('Van Dijk Machinebouw B.V.');
    await context.close();
  });
});

describe('languages', () => {
  it('is Dutch for a Dutch browser and switches to English and back, remembering the choice', async () => {
    const context = await newContext(browser, { locale: 'nl-NL' });
    await loginByApi(context, env.url, USERS.oemBuyer, DEMO_PASSWORD);
    const page = await context.newPage();
    await page.goto(env.url);
    await ready(page, 'tasks');
    expect(await page.locator('h1').innerText()).toBe('Taken');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Tasks');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('navigation').innerText()).toContain('Purchase orders');
    // Dates and amounts follow the language too.
    expect(await page.locator('main').innerText()).toMatch(/since \d{1,2} [A-Z][a-z]{2} 2026/);

    await page.reload();
    await ready(page, 'tasks');
    expect(await page.locator('h1').innerText()).toBe('Tasks');
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Taken');
    await context.close();
  });

  it('is English for a browser that prefers English', async () => {
    const context = await newContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(env.url);
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await context.close();
  });
});

describe('partners and settings', () => {
  it('lists partners with their identifiers and links to their orders', async () => {
    const context = await newContext(browser, { locale: 'nl-NL' });
    await loginByApi(context, env.url, USERS.oemBuyer, DEMO_PASSWORD);
    const page = await context.newPage();
    await page.goto(`${env.url}/partners`);
    await ready(page, 'partners');
    const row = page.getByRole('row', { name: /Brabant Assemblage/ });
    expect(await row.innerText()).toMatch(/GLN\s+8719402000021/);
    expect(await row.innerText()).toContain('KvK');
    await row.getByRole('link', { name: /Nieuwe inkooporder/ }).click();
    await ready(page, 'newOrder');
    expect(await page.getByLabel('Leverancier', { exact: true }).inputValue()).not.toBe('');
    await context.close();
  });

  it('shows company, users and roles; creates an API token shown once, and revokes it', async () => {
    const context = await newContext(browser, { locale: 'nl-NL' });
    await loginByApi(context, env.url, USERS.oemAdmin, DEMO_PASSWORD);
    const page = await context.newPage();
    await page.goto(`${env.url}/settings`);
    await ready(page, 'settings');
    await expect.poll(() => page.locator('main').innerText()).toContain('anna@vandijk.example');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Van Dijk Machinebouw B.V.');
    expect(text).toMatch(/KvK\s+17093842/);
    expect(text).toContain('Inkoop');

    // A name is required before anything is sent.
    await page.getByRole('button', { name: 'Token aanmaken' }).click();
    expect(await page.locator('#f-tokenName-error').innerText()).toContain('Geef het token een naam.');

    await page.getByLabel('Naam', { exact: true }).fill('ERP-koppeling test');
    await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'Inkoop' });
    await page.getByRole('button', { name: 'Token aanmaken' }).click();
    const secret = await page.getByLabel('Het nieuwe token').inputValue();
    expect(secret).toMatch(/^sk_/);
    await screenshot(page, 'settings-token-created');
    // The token works, with the chosen role.
    const me = await context.request.get(`${env.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect((await me.json()) as { role: string }).toMatchObject({ role: 'purchasing' });

    // Shown once: after hiding it, the page never shows the secret again.
    await page.getByRole('button', { name: 'Ik heb het bewaard' }).click();
    expect(await page.locator('main').innerText()).not.toContain(secret);
    await page.reload();
    await ready(page, 'settings');
    await page.getByRole('row', { name: /ERP-koppeling test/ }).waitFor();
    expect(await page.content()).not.toContain(secret);

    await page.getByRole('button', { name: 'Intrekken ERP-koppeling test' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Token intrekken' }).click();
    await expect
      .poll(() => page.getByRole('row', { name: /ERP-koppeling test/ }).innerText())
      .toContain('Ingetrokken');
    const after = await context.request.get(`${env.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(after.status()).toBe(401);
    await context.close();
  });

  it('tells a non-admin that users and tokens are for administrators', async () => {
    const context = await newContext(browser, { locale: 'nl-NL' });
    await loginByApi(context, env.url, USERS.oemBuyer, DEMO_PASSWORD);
    const page = await context.newPage();
    await page.goto(`${env.url}/settings`);
    await ready(page, 'settings');
    expect(await page.locator('main').innerText()).toContain('beheerd door een beheerder');
    expect(await page.getByRole('heading', { name: 'API-tokens' }).count()).toBe(0);
    await context.close();
  });
});
