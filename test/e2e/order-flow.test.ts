// The whole order in the browser, across two companies with their own browser sessions: the buyer (Dutch
// browser) issues a purchase order with the form, the supplier (English browser) proposes a split delivery
// and accepts the other line, the buyer accepts the proposal, the supplier ships, the buyer receives and
// the supplier invoices. Every answer of the other side appears without reloading the page.
import type { Browser, Page } from 'playwright-core';
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

/** The text of a line's state cell. */
const lineState = (page: Page, lineId: string) =>
  page.locator(`[id="line-${lineId}"] .line-state`).innerText();

/** True while the page has not been reloaded since markNoReload(). */
const markNoReload = (page: Page) =>
  page.evaluate(() => ((window as unknown as { e2eMarker: number }).e2eMarker = 42));
const stillSamePage = (page: Page) =>
  page.evaluate(() => (window as unknown as { e2eMarker?: number }).e2eMarker === 42);

describe('an order from issue to invoice in the browser', () => {
  it('buyer issues, supplier proposes, buyer accepts, supplier ships, buyer receives, supplier invoices', async () => {
    const buyerContext = await newContext(browser, { locale: 'nl-NL' });
    const supplierContext = await newContext(browser, { locale: 'en-GB' });
    const buyer = await buyerContext.newPage();
    const supplier = await supplierContext.newPage();
    const errors: string[] = [];
    for (const p of [buyer, supplier]) p.on('pageerror', (e) => errors.push(e.message));

    // The buyer logs in with a demo login on the login page.
    await buyer.goto(`${env.url}/orders/purchase`);
    await buyer.getByLabel('E-mailadres').fill(USERS.oemBuyer);
    await buyer.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await buyer.getByRole('button', { name: 'Inloggen' }).click();
    // The deep link survives the login.
    await ready(buyer, 'orders-buyer');

    // --- New purchase order with the form and the item lookup.
    await buyer.getByRole('link', { name: 'Nieuwe inkooporder' }).click();
    await ready(buyer, 'newOrder');
    await buyer
      .getByLabel('Leverancier', { exact: true })
      .selectOption({ label: 'Brabant Assemblage B.V. (Helmond)' });
    await buyer.getByLabel('Uw ordernummer', { exact: true }).fill('VDM-PO-E2E-1');
    await expect
      .poll(() => buyer.locator('#f-lines-0-lookup-hint').innerText())
      .toContain('eerder besteld bij');
    await buyer.locator('#f-lines-0-lookup').fill('VDM-100245 — Aandrijfmodule AM-400, compleet gemonteerd');
    expect(await buyer.locator('#f-lines-0-item-name').inputValue()).toBe(
      'Aandrijfmodule AM-400, compleet gemonteerd',
    );
    expect(await buyer.locator('#f-lines-0-item-sellerItemId').inputValue()).toBe('BA-AM400');
    expect(await buyer.locator('#f-lines-0-price-amount').inputValue()).toBe('1840');
    await buyer.locator('#f-lines-0-schedule-0-quantity').fill('6');
    await buyer.getByRole('button', { name: 'Regel toevoegen' }).click();
    await buyer.locator('#f-lines-1-item-name').fill('Kabelset M8, 12-delig');
    await buyer.locator('#f-lines-1-item-buyerItemId').fill('VDM-100633');
    await buyer.locator('#f-lines-1-price-amount').fill('48,50');
    await buyer.locator('#f-lines-1-schedule-0-quantity').fill('30');
    await expect.poll(() => buyer.locator('.order-total').innerText()).toContain('12.495,00');
    await screenshot(buyer, 'new-order-filled');
    await buyer.getByRole('button', { name: 'Order versturen' }).click();

    await ready(buyer, 'order');
    await expect.poll(() => buyer.locator('h1').innerText()).toBe('Inkooporder VDM-PO-E2E-1');
    expect(await buyer.locator('[data-notice="success"]').innerText()).toContain(
      'Order VDM-PO-E2E-1 is verstuurd; Brabant Assemblage B.V. ontvangt hem direct.',
    );
    expect(await lineState(buyer, '10')).toContain('Wacht op antwoord');
    await live(buyer);
    await markNoReload(buyer);

    // --- The supplier finds it in its tasks and answers: a split delivery for line 10, line 20 accepted.
    await loginByApi(supplierContext, env.url, USERS.assemblerSales, DEMO_PASSWORD);
    await supplier.goto(env.url);
    await ready(supplier, 'tasks');
    const confirm = supplier.getByRole('region', { name: /Orders to confirm/ });
    await confirm.getByRole('link', { name: /VDM-PO-E2E-1/ }).click();
    await ready(supplier, 'order');
    expect(await supplier.locator('h1').innerText()).toBe('Sales order VDM-PO-E2E-1');

    await supplier.getByRole('button', { name: 'Propose other terms line 10' }).click();
    const dialog = supplier.getByRole('dialog');
    await dialog.getByLabel('Quantity 1').fill('4');
    await dialog.getByRole('button', { name: 'Add delivery (split)' }).click();
    await dialog.getByLabel('Quantity 2').fill('2');
    await dialog.getByLabel('Note for the customer').fill('Two drive modules follow a week later.');
    await screenshot(supplier, 'supplier-propose-dialog');
    await dialog.getByRole('button', { name: 'Send proposal' }).click();
    await expect
      .poll(() => supplier.locator('[data-notice="success"]').innerText())
      .toContain('Proposal for line 10 sent.');
    expect(await lineState(supplier, '10')).toContain('Proposal');
    await supplier.getByRole('button', { name: 'Accept line 20' }).click();
    await expect.poll(() => lineState(supplier, '20')).toContain('Agreed');

    // --- The buyer's open page shows the answers without a reload.
    await expect.poll(() => lineState(buyer, '10')).toContain('Voorstel');
    await expect.poll(() => lineState(buyer, '20')).toContain('Bevestigd');
    expect(await buyer.locator('[data-notice="info"]').innerText()).toContain(
      'Bijgewerkt: Brabant Assemblage B.V. heeft deze order gewijzigd.',
    );
    expect(await buyer.locator('[id="line-10"] .proposal').innerText()).toContain(
      'Two drive modules follow a week later.',
    );
    expect(await stillSamePage(buyer)).toBe(true);
    await screenshot(buyer, 'order-detail-proposal');

    await buyer.getByRole('button', { name: 'Voorstel accepteren regel 10' }).click();
    await expect.poll(() => lineState(buyer, '10')).toContain('Bevestigd');
    await expect.poll(() => buyer.locator('.page-head .badge').innerText()).toContain('Bevestigd');

    // --- The supplier ships everything with one despatch (the quantities are filled in).
    await expect.poll(() => lineState(supplier, '10')).toContain('Agreed');
    await supplier.getByRole('button', { name: 'Ship' }).click();
    await supplier.getByRole('dialog').getByLabel('Despatch number').fill('BA-PB-E2E-1');
    await screenshot(supplier, 'supplier-ship-dialog');
    await supplier.getByRole('dialog').getByRole('button', { name: 'Record shipment' }).click();
    await expect
      .poll(() => supplier.locator('[data-notice="success"]').innerText())
      .toContain('Shipment BA-PB-E2E-1');
    await expect.poll(() => supplier.locator('.page-head .badge').innerText()).toContain('Shipped');

    // --- The buyer sees it shipped and records the receipt.
    await expect.poll(() => buyer.locator('.page-head .badge').innerText()).toContain('Verzonden');
    await buyer.getByRole('button', { name: 'Ontvangst boeken' }).click();
    await buyer.getByRole('dialog').getByRole('button', { name: 'Ontvangst boeken' }).click();
    await expect.poll(() => buyer.locator('.page-head .badge').innerText()).toContain('Ontvangen');

    // --- The supplier invoices at the agreed prices; the invoice matches order and receipt.
    await expect.poll(() => supplier.getByRole('button', { name: 'Invoice' }).count()).toBe(1);
    await supplier.getByRole('button', { name: 'Invoice' }).click();
    await supplier.getByRole('dialog').getByLabel('Invoice number').fill('BA-F-E2E-1');
    await supplier.getByRole('dialog').getByRole('button', { name: 'Send invoice' }).click();
    await expect.poll(() => supplier.locator('#invoices').innerText()).toContain('Invoice BA-F-E2E-1');

    // --- The buyer sees the matched invoice appear, and the story in the history.
    await expect.poll(() => buyer.locator('#invoices').innerText()).toContain('Factuur BA-F-E2E-1');
    expect(await buyer.locator('#invoices .invoice-head').innerText()).toContain('Klopt');
    await expect.poll(() => buyer.locator('.page-head .badge').innerText()).toContain('Afgerond');
    await expect.poll(() => buyer.locator('#history').innerText()).toContain('Factuur BA-F-E2E-1');
    const history = await buyer.locator('#history').innerText();
    for (const text of [
      'Order verstuurd met 2 regels',
      'Voorstel voor regel 10',
      'Regel 20 geaccepteerd',
      'pakbon BA-PB-E2E-1',
      'Factuur BA-F-E2E-1',
    ])
      expect(history).toContain(text);
    expect(await stillSamePage(buyer)).toBe(true);
    await screenshot(buyer, 'order-detail-completed');
    expect(errors).toEqual([]);
    await buyerContext.close();
    await supplierContext.close();
  }, 180_000);

  it('reports production, reopens an agreed line and cancels a line, each with its reason', async () => {
    const oem = env.demo.companies.find((c) => c.key === 'oem')!;
    const idOf = async (number: string) => {
      const r = await fetch(`${env.url}/api/v1/orders?q=${number}`, {
        headers: { authorization: `Bearer ${oem.token}` },
      });
      return ((await r.json()) as { items: { id: string; number: string }[] }).items.find(
        (o) => o.number === number,
      )!.id;
    };

    // The supplier reports what is produced so far on a late order.
    const supplierContext = await newContext(browser, { locale: 'en-GB' });
    await loginByApi(supplierContext, env.url, USERS.assemblerSales, DEMO_PASSWORD);
    const supplier = await supplierContext.newPage();
    await supplier.goto(`${env.url}/orders/${await idOf('VDM-PO-26104')}`);
    await ready(supplier, 'order');
    await supplier.getByRole('button', { name: 'Report production' }).click();
    await supplier.getByRole('dialog').getByLabel('Produced so far, line 10 delivery 1').fill('1');
    await supplier.getByRole('dialog').getByRole('button', { name: 'Report production' }).click();
    await expect
      .poll(() => supplier.locator('[data-notice="success"]').innerText())
      .toContain('Production reported.');
    expect(await supplier.locator('[id="line-10"] .line-progress').innerText()).toMatch(/Produced: 1 pcs/);
    await supplierContext.close();

    // The buyer reopens an agreed line and cancels an open one.
    const buyerContext = await newContext(browser, { locale: 'nl-NL' });
    await loginByApi(buyerContext, env.url, USERS.oemBuyer, DEMO_PASSWORD);
    const buyer = await buyerContext.newPage();
    await buyer.goto(`${env.url}/orders/${await idOf('VDM-PO-26103')}`);
    await ready(buyer, 'order');
    await buyer.getByRole('button', { name: 'Heropenen regel 10' }).click();
    await buyer.getByRole('dialog').getByRole('button', { name: 'Regel heropenen' }).click();
    expect(await buyer.locator('#f-reason-error').innerText()).toContain('Geef een reden');
    await buyer
      .getByRole('dialog')
      .getByLabel('Waarom heropent u deze regel?')
      .fill('Klant wil een andere kleur.');
    await buyer.getByRole('dialog').getByRole('button', { name: 'Regel heropenen' }).click();
    await expect.poll(() => lineState(buyer, '10')).toContain('Heropend');
    expect(await lineState(buyer, '10')).toContain('Klant wil een andere kleur.');

    await buyer.goto(`${env.url}/orders/${await idOf('VDM-PO-26107')}`);
    await ready(buyer, 'order');
    await buyer.getByRole('button', { name: 'Regel annuleren regel 20' }).click();
    await buyer
      .getByRole('dialog')
      .getByLabel(/Reden van annuleren/)
      .fill('Kabelsets komen uit eigen voorraad.');
    await buyer.getByRole('dialog').getByRole('button', { name: 'Regel annuleren' }).click();
    await expect.poll(() => lineState(buyer, '20')).toContain('Geannuleerd');
    await expect.poll(() => buyer.locator('#history').innerText()).toContain('Regel 20 geannuleerd');
    await buyerContext.close();
  }, 120_000);
});
