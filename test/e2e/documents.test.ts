// UBL documents in the browser: uploading an order file creates the order; a file the validator refuses
// shows its findings in plain language, in Dutch and in English; a wrong file is stopped in the browser;
// refusals by the node (wrong sender, a reused number) are explained; an exchanged document opens in a
// formatted and a raw view. The upload page and the document view pass axe-core.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, launchBrowser, loginByApi, newContext, ready, screenshot, severe } from './support/browser.ts';
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

const FIXTURE = join(import.meta.dirname, '..', 'documents', 'fixtures');

const company = (key: 'oem' | 'assembler') => env.demo.companies.find((c) => c.key === key)!;
const valueOf = (identifiers: string[], scheme: string): string =>
  identifiers.find((i) => i.startsWith(`${scheme}:`))!.slice(scheme.length + 1);

/** The project's Peppol order fixture, sent by the demo OEM to the demo assembler under `number`. */
function demoOrder(number: string, fixture = 'peppol-order.xml'): Buffer {
  const oem = company('oem');
  const assembler = company('assembler');
  const xml = readFileSync(join(FIXTURE, fixture), 'utf8')
    .replaceAll('8712345678906', valueOf(oem.identifiers, '0088'))
    .replaceAll('Machinefabriek Noord BV', oem.name)
    .replace('<cbc:EndpointID schemeID="0106">12345678</cbc:EndpointID>', () => {
      return `<cbc:EndpointID schemeID="0106">${valueOf(assembler.identifiers, '0106')}</cbc:EndpointID>`;
    })
    .replaceAll('Draaierij Zuid BV', assembler.name)
    .replace(/<cbc:ID>PO-2026-004\d<\/cbc:ID>/, `<cbc:ID>${number}</cbc:ID>`);
  return Buffer.from(xml, 'utf8');
}

const xmlFile = (name: string, buffer: Buffer) => ({ name, mimeType: 'text/xml', buffer });

/** Records the API writes a page makes. */
function writes(page: Page): Request[] {
  const sent: Request[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET' && r.url().includes('/api/v1/')) sent.push(r);
  });
  return sent;
}

async function signedIn(email: string, locale: string): Promise<Page> {
  const context = await newContext(browser, { locale });
  await loginByApi(context, env.url, email, DEMO_PASSWORD);
  return context.newPage();
}

async function openUpload(page: Page): Promise<void> {
  await page.goto(`${env.url}/documents/upload`);
  await ready(page, 'upload');
}

/** What the node's own validator says about `xml`, to compare the page's texts with. */
async function verdict(xml: Buffer) {
  const r = await fetch(`${env.url}/api/v1/documents/validate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${company('oem').token}`, 'content-type': 'application/xml' },
    body: xml.toString('utf8'),
  });
  expect(r.status).toBe(200);
  return (await r.json()) as {
    valid: boolean;
    findings: { rule: string; severity: string; line: number; message: { nl: string; en: string } }[];
  };
}

describe('uploading a UBL file', () => {
  it('stops a missing, non-XML or empty file in the browser, then creates the order from a valid one', async () => {
    const page = await signedIn(USERS.oemBuyer, 'nl-NL');
    const sent = writes(page);
    // Reachable from the navigation and from the new-order page.
    await page.goto(`${env.url}/orders/new`);
    await ready(page, 'newOrder');
    await page.getByRole('link', { name: 'Of upload een UBL-bestand uit uw ERP.' }).click();
    await ready(page, 'upload');
    expect(await page.locator('h1').innerText()).toBe('UBL-bestand uploaden');
    expect(
      await page
        .getByRole('navigation')
        .getByRole('link', { name: 'UBL-bestand uploaden' })
        .getAttribute('aria-current'),
    ).toBe('page');

    const input = page.getByLabel('UBL-bestand (.xml)');
    await page.getByRole('button', { name: 'Versturen' }).click();
    expect(await page.locator('#f-file-error').innerText()).toContain('Kies eerst een UBL-bestand (.xml).');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.getAttribute('aria-describedby')).toContain('f-file-error');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-file');

    await input.setInputFiles({
      name: 'order.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4'),
    });
    await page.getByRole('button', { name: 'Versturen' }).click();
    expect(await page.locator('#f-file-error').innerText()).toContain(
      'order.pdf is geen XML-bestand. Kies een UBL-document met de extensie .xml.',
    );
    await input.setInputFiles(xmlFile('leeg.xml', Buffer.alloc(0)));
    await page.getByRole('button', { name: 'Alleen controleren' }).click();
    expect(await page.locator('#f-file-error').innerText()).toContain('leeg.xml is leeg.');
    expect(sent).toEqual([]);

    await input.setInputFiles(xmlFile('VDM-PO-E2E-UBL.xml', demoOrder('VDM-PO-E2E-UBL')));
    expect(await page.locator('#f-file-hint').innerText()).toMatch(
      /^Gekozen: VDM-PO-E2E-UBL\.xml \(\d+ kB\)$/,
    );
    await page.getByRole('button', { name: 'Versturen' }).click();
    const success = page.locator('.upload-outcome .alert-success');
    await success.waitFor();
    expect(await success.innerText()).toContain('Order VDM-PO-E2E-UBL is verwerkt.');
    expect(sent.map((r) => [r.method(), new URL(r.url()).pathname, r.headers()['content-type']])).toEqual([
      ['POST', '/api/v1/documents', 'application/xml'],
    ]);
    await screenshot(page, 'upload-success');

    await success.getByRole('link', { name: 'Naar de order' }).click();
    await ready(page, 'order');
    expect(await page.locator('h1').innerText()).toContain('VDM-PO-E2E-UBL');
    expect(await page.getByText('Beugel type A').count()).toBeGreaterThan(0);
    expect(await page.locator('#documents').innerText()).toContain('Order');
  });

  it('shows the findings of a refused file in plain Dutch and English, and checks without sending', async () => {
    const bad = demoOrder('VDM-PO-E2E-BAD', 'peppol-order-invalid.xml');
    const expected = await verdict(bad);
    expect(expected.valid).toBe(false);
    const fatal = expected.findings.filter((f) => f.severity === 'fatal');
    expect(fatal.length).toBeGreaterThan(0);

    const page = await signedIn(USERS.oemBuyer, 'nl-NL');
    await openUpload(page);
    await page.getByLabel('UBL-bestand (.xml)').setInputFiles(xmlFile('fout.xml', bad));
    await page.getByRole('button', { name: 'Versturen' }).click();
    const outcome = page.locator('.upload-outcome');
    await outcome.getByRole('heading', { name: 'Het document is niet verstuurd' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('upload-outcome');
    expect(await outcome.locator('.outcome-summary').innerText()).toBe(
      fatal.length === 1
        ? '1 probleem moet worden opgelost voordat dit document verstuurd kan worden.'
        : `${fatal.length} problemen moeten worden opgelost voordat dit document verstuurd kan worden.`,
    );
    const items = outcome.locator('.finding');
    expect(await items.count()).toBe(expected.findings.length);
    const first = await items.first().innerText();
    expect(first).toContain('Moet opgelost');
    expect(first).toContain(fatal[0]!.message.nl);
    expect(first).not.toContain(fatal[0]!.message.en);
    expect(first).toContain(`Regel ${fatal[0]!.line}, kolom`);
    expect(first).toContain('/Order/cac:OrderLine[1]/cac:LineItem/cac:Price/cbc:PriceAmount');
    expect(first).toContain(`regel-ID ${fatal[0]!.rule}`);
    await screenshot(page, 'upload-findings-nl');
    const violations = await axe(page);
    expect(severe(violations), JSON.stringify(severe(violations), null, 2)).toEqual([]);

    // The same findings in English once the user switches language.
    await page.getByRole('button', { name: 'English' }).click();
    await outcome.getByRole('heading', { name: 'The document was not sent' }).waitFor();
    const english = await items.first().innerText();
    expect(english).toContain('Must be fixed');
    expect(english).toContain(fatal[0]!.message.en);
    expect(english).toContain(`Line ${fatal[0]!.line}, column`);
    await screenshot(page, 'upload-findings-en');

    // Check only: the verdict without storing anything.
    await page.getByRole('button', { name: 'Check only' }).click();
    await outcome.getByRole('heading', { name: 'The document cannot be sent like this' }).waitFor();
    expect(await outcome.locator('.finding').first().innerText()).toContain(fatal[0]!.message.en);
    // A file dropped on the zone is taken like a chosen one.
    await page.locator('.drop-zone').evaluate((zone, xml) => {
      const data = new DataTransfer();
      data.items.add(new File([xml], 'ok.xml', { type: 'text/xml' }));
      for (const type of ['dragover', 'drop'])
        zone.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }, demoOrder('VDM-PO-E2E-CHECK').toString('utf8'));
    expect(await page.locator('#f-file-hint').innerText()).toMatch(/^Chosen: ok\.xml \(\d+ kB\)$/);
    await page.getByRole('button', { name: 'Check only' }).click();
    await outcome.getByRole('heading', { name: 'The document is fine' }).waitFor();
    const orders = await fetch(`${env.url}/api/v1/orders?q=VDM-PO-E2E-CHECK`, {
      headers: { authorization: `Bearer ${company('oem').token}` },
    });
    expect(((await orders.json()) as { items: unknown[] }).items).toEqual([]);

    // The refused file was kept: its view shows the status and the same findings.
    await page.getByLabel('UBL file (.xml)').setInputFiles(xmlFile('fout.xml', bad));
    await page.getByRole('button', { name: 'Send' }).click();
    await outcome.getByRole('link', { name: 'View the document' }).click();
    await ready(page, 'document');
    expect(await page.locator('.summary').first().innerText()).toContain('Rejected');
    const findings = page.locator('.findings-card');
    expect(await findings.getByRole('heading').innerText()).toBe('Findings of the check');
    expect(await findings.locator('.finding').first().innerText()).toContain(fatal[0]!.message.en);
    await screenshot(page, 'document-rejected');
  });

  it('explains a document of another sender and a reused number in plain language', async () => {
    // The supplier's sales user uploads the buyer's order.
    const supplier = await signedIn(USERS.assemblerSales, 'en-GB');
    await openUpload(supplier);
    await supplier
      .getByLabel('UBL file (.xml)')
      .setInputFiles(xmlFile('po.xml', demoOrder('VDM-PO-E2E-403')));
    await supplier.getByRole('button', { name: 'Send' }).click();
    const refusal = supplier.locator('.upload-outcome .alert-error');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('Your company is not the sender of this document');
    expect(await refusal.innerText()).not.toMatch(/\bat \w+ \(|Error:/);

    // The buyer sends an order, then another file under the same number.
    const buyer = await signedIn(USERS.oemBuyer, 'en-GB');
    await openUpload(buyer);
    const input = buyer.getByLabel('UBL file (.xml)');
    await input.setInputFiles(xmlFile('po.xml', demoOrder('VDM-PO-E2E-409')));
    await buyer.getByRole('button', { name: 'Send' }).click();
    await buyer.locator('.upload-outcome .alert-success').waitFor();
    const changed = Buffer.from(demoOrder('VDM-PO-E2E-409').toString('utf8').replace('gate 3', 'gate 5'));
    await input.setInputFiles(xmlFile('po-again.xml', changed));
    await buyer.getByRole('button', { name: 'Send' }).click();
    const conflict = buyer.locator('.upload-outcome .alert-error');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('Another document with the same number was sent before.');
    await conflict.getByRole('link', { name: 'View the document received before' }).click();
    await ready(buyer, 'document');
    expect(await buyer.locator('h1').innerText()).toBe('Order VDM-PO-E2E-409');
  });
});

describe('an exchanged document', () => {
  it('opens from the order in a formatted and a raw view, both accessible', async () => {
    const page = await signedIn(USERS.assemblerSales, 'nl-NL');
    // The supplier's received copy of the order uploaded in the first test (or a fresh one).
    const r = await fetch(`${env.url}/api/v1/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${company('oem').token}`, 'content-type': 'application/xml' },
      body: demoOrder('VDM-PO-E2E-VIEW').toString('utf8'),
    });
    expect(r.status).toBe(201);
    const list = await fetch(`${env.url}/api/v1/orders?q=VDM-PO-E2E-VIEW`, {
      headers: { authorization: `Bearer ${company('assembler').token}` },
    });
    const [order] = ((await list.json()) as { items: { id: string }[] }).items;
    await page.goto(`${env.url}/orders/${order!.id}`);
    await ready(page, 'order');
    const documents = page.locator('#documents');
    expect(await documents.innerText()).toContain('Ontvangen');
    await documents.getByRole('link', { name: 'Bekijken Order VDM-PO-E2E-VIEW' }).click();
    await ready(page, 'document');
    expect(await page.locator('h1').innerText()).toBe('Order VDM-PO-E2E-VIEW');

    const formatted = page.getByRole('tabpanel', { name: 'Overzicht' });
    const text = await formatted.innerText();
    expect(text).toContain('Koper');
    expect(text).toContain(company('oem').name);
    expect(text).toContain('Leverancier');
    expect(text).toContain(company('assembler').name);
    expect(text).toContain('Deliver to gate 3 & call ahead');
    const rows = formatted.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const firstLine = await rows.first().innerText();
    expect(firstLine).toContain('Beugel type A');
    expect(firstLine).toContain('inkoper: VD-4711');
    expect(firstLine).toMatch(/100\s+st/);
    expect(firstLine).toMatch(/€\s?12,50/);
    expect(firstLine).toContain('Gevraagd 10 jan 2027');
    expect(await rows.nth(1).innerText()).toMatch(/€\s?210,00 per 100 kg/);
    await screenshot(page, 'document-formatted');
    let violations = await axe(page);
    expect(severe(violations), JSON.stringify(severe(violations), null, 2)).toEqual([]);

    // The raw view by keyboard: the original XML as text, nothing of it rendered as markup.
    await page.getByRole('tab', { name: 'Overzicht' }).focus();
    await page.keyboard.press('ArrowRight');
    const rawTab = page.getByRole('tab', { name: 'UBL (XML)' });
    expect(await rawTab.getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-raw');
    const raw = page.locator('pre.xml-raw');
    const shown = await raw.textContent();
    expect(shown).toBe(demoOrder('VDM-PO-E2E-VIEW').toString('utf8'));
    expect(await raw.locator('*').count()).toBe(0);
    expect(await page.getByRole('tabpanel', { name: 'Overzicht' }).isHidden()).toBe(true);
    expect(
      await page.getByRole('link', { name: 'Downloaden Order VDM-PO-E2E-VIEW' }).getAttribute('href'),
    ).toMatch(/^\/api\/v1\/documents\/[0-9a-f-]{36}\/content$/);
    await screenshot(page, 'document-raw');
    violations = await axe(page);
    expect(severe(violations), JSON.stringify(severe(violations), null, 2)).toEqual([]);

    await page.getByRole('link', { name: 'Terug naar de order' }).click();
    await ready(page, 'order');

    // On a tablet in portrait both pages fit without sideways scrolling (the raw XML scrolls in its box).
    const documentUrl = `${env.url}${
      new URL(
        await documents
          .getByRole('link', { name: /^Bekijken/ })
          .first()
          .evaluate((a) => (a as HTMLAnchorElement).href),
      ).pathname
    }`;
    await page.setViewportSize({ width: 768, height: 1024 });
    for (const [url, name] of [
      [documentUrl, 'document'],
      [`${env.url}/documents/upload`, 'upload'],
    ] as const) {
      await page.goto(url);
      await ready(page, name);
      const widths = await page.evaluate(() => ({
        doc: document.documentElement.scrollWidth,
        view: innerWidth,
      }));
      expect(widths.doc, name).toBeLessThanOrEqual(widths.view);
      await screenshot(page, `tablet-${name}`);
    }
  });
});
