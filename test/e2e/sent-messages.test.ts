// The order page's "Sent messages" in the browser, with real deliveries: buyer A on node 1 sends to
// seller B on node 2 through a proxy that drops, refuses or forwards each envelope. The order's messages:
// 1. the order, delivered on the third attempt after a dropped connection, a refusal and two circuit
//    breaker pauses, with B's signed receipt; 2. a broken copy of the order, which B's node rejects with
//    a Message Level Response; 3. a change that was refused until it went to dead letter; 4. a change
//    waiting for its next attempt. The page shows each state in words in Dutch and English, opens each
//    timeline with the keyboard, lets the buyer (not a viewer) resend the dead letter and follows it to
//    its delivery, shows a new message when the order changes, passes axe-core and fits a tablet.
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type RunningNode } from '../../src/cli/start-node.ts';
import { CircuitBreaker } from '../../src/network/backoff.ts';
import { NetworkMetrics } from '../../src/network/metrics.ts';
import { OutboxWorker, type OutboxWorkerOptions } from '../../src/network/outbox-worker.ts';
import type { Caller } from '../../src/app/deps.ts';
import type { Delivery } from '../../src/app/exchange/delivery-timeline.ts';
import { queueEnvelope } from '../../src/app/exchange/index.ts';
import {
  axe,
  launchBrowser,
  live,
  loginByApi,
  newContext,
  ready,
  screenshot,
  severe,
  SHOTS,
} from './support/browser.ts';
import { startFlakyProxy, type FlakyProxy } from '../support/flaky-proxy.ts';
import { connectBothWays } from '../support/network-nodes.ts';

const A_ID = '0106:81818181';
const B_ID = '0106:92929292';
const C_ID = '0106:70707070';
const PASSWORD = 'tijdlijn-wachtwoord';
const BUYER = 'inkoop@tijdlijn-a.example';
const VIEWER = 'kijker@tijdlijn-a.example';
/** Sales of C, a company on node 1: as the seller of an order it has not answered, it sent nothing. */
const C_SALES = 'verkoop@buur-c.example';
const B_NAME = 'Verkoop Tijdlijn BV';

let n1: RunningNode;
let n2: RunningNode;
let proxy: FlakyProxy;
let browser: Browser;
let asA: Caller;
let aId: string;
let bAtN1: string;
/** The order with messages to B, and one with a company on the same node (no messages). */
let orderId: string;
let localOrderId: string;

/** A delivery worker of node 1 with test settings: retries at once, dead letter only after a day. */
const worker = (options: Partial<OutboxWorkerOptions> = {}) =>
  new OutboxWorker({
    store: n1.services.deps.store,
    transport: n1.services.deps.network.transport,
    metrics: new NetworkMetrics(),
    backoff: { baseMs: 0, capMs: 0 },
    breaker: new CircuitBreaker(1_000, 1),
    deadAfterMs: 24 * 60 * 60_000,
    ...options,
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The order's messages as the API gives them to A. */
async function deliveries(): Promise<Delivery[]> {
  return await n1.services.listOrderDeliveries(asA, orderId);
}

const line = (lineId: string) => ({
  lineId,
  item: { name: `Plaat ${lineId}`, buyerItemId: `PL-${lineId}` },
  unitCode: 'C62',
  price: { amount: '3' },
  schedule: [{ id: '1', date: '2027-05-01', quantity: '10' }],
});

beforeAll(async () => {
  [n1, n2, browser] = await Promise.all([
    startNode({ deliveryIntervalMs: 0 }),
    startNode({ deliveryIntervalMs: 0 }),
    launchBrowser(),
  ]);
  const a = await n1.services.registerCompany({
    name: 'Inkoop Tijdlijn BV',
    identifiers: [A_ID],
    country: 'NL',
  });
  const c = await n1.services.registerCompany({
    name: 'Buurbedrijf C BV',
    identifiers: [C_ID],
    country: 'NL',
  });
  await n2.services.registerCompany({ name: B_NAME, identifiers: [B_ID], country: 'NL' });
  aId = a.id;
  await n1.services.addUser({
    companyId: a.id,
    email: BUYER,
    name: 'Ineke Inkoop',
    role: 'purchasing',
    password: PASSWORD,
  });
  await n1.services.addUser({
    companyId: a.id,
    email: VIEWER,
    name: 'Kees Kijker',
    role: 'viewer',
    password: PASSWORD,
  });
  await n1.services.addUser({
    companyId: c.id,
    email: C_SALES,
    name: 'Cor Verkoop',
    role: 'sales',
    password: PASSWORD,
  });
  asA = await n1.services.authenticate({
    bearer: (await n1.services.createApiToken(a.id, { name: 'erp', role: 'admin' })).token,
  });
  await connectBothWays({ node: n1, id: A_ID }, { node: n2, id: B_ID });
  bAtN1 = (await n1.services.deps.store.companies.findByIdentifier('0106', '92929292'))!.id;
  proxy = await startFlakyProxy(() => n2.url);
  // Node 1 reaches node 2 only through the proxy.
  await n1.services.deps.store.database.query('UPDATE remote_partners SET endpoint_url = $1', [proxy.url]);

  const local = await n1.services.issueOrder(asA, {
    seller: C_ID,
    number: 'PO-TL-LOCAL',
    issueDate: '2026-11-22',
    currency: 'EUR',
    lines: [line('1')],
  });
  localOrderId = local.id;
  // Should hosted companies exchange through the outbox too, this delivers that (today there is nothing).
  await n1.outbox.drain();
  const order = await n1.services.issueOrder(asA, {
    seller: B_ID,
    number: 'PO-TL-1',
    issueDate: '2026-11-22',
    currency: 'EUR',
    lines: [line('1')],
  });
  orderId = order.id;

  // 1. Dropped, paused by the breaker, refused, paused again, delivered.
  proxy.faults = ['drop', 'refuse'];
  const patient = worker({ breaker: new CircuitBreaker(1, 1_500) });
  await patient.drain();
  await sleep(1_700);
  await patient.drain();
  await sleep(1_700);
  await patient.drain();
  expect(proxy.faults).toEqual([]);
  const [first] = await deliveries();
  expect(first).toMatchObject({ status: 'delivered', totalAttempts: 3 });

  // 2. The same order again without its issue date: B's validator refuses it and answers with an MLR.
  const envelope = (await n1.services.deps.store.outbox.get(first!.messageId))!.envelope;
  const broken = Buffer.from(envelope.split('.')[1]!, 'base64url')
    .toString()
    .replace(/<cbc:IssueDate>[^<]*<\/cbc:IssueDate>/, '');
  const deps = n1.services.deps;
  await deps.store.transaction((tx) =>
    queueEnvelope(deps, tx, {
      from: aId,
      to: bAtN1,
      conversationId: orderId,
      payload: { documentType: 'Order', bytes: new TextEncoder().encode(broken) },
      at: new Date().toISOString(),
    }),
  );
  await worker().drain();
  await n2.outbox.drain();
  expect((await deliveries())[1]).toMatchObject({ status: 'delivered', partnerResponse: { code: 'RE' } });

  // 3. A change refused once and given up at once (dead letter).
  await n1.services.changeOrder(asA, orderId, { add: [line('2')] });
  proxy.faults = ['refuse'];
  await worker({ deadAfterMs: 0 }).drain();
  // 4. Another change refused once, its next attempt ten minutes away.
  await n1.services.changeOrder(asA, orderId, { add: [line('3')] });
  proxy.faults = ['refuse'];
  await worker({ backoff: { baseMs: 600_000, capMs: 600_000 }, random: () => 1 }).runOnce();
  expect((await deliveries()).map((d) => [d.documentType, d.status, d.attempts])).toEqual([
    ['Order', 'delivered', 3],
    ['Order', 'delivered', 1],
    ['OrderChange', 'dead', 1],
    ['OrderChange', 'pending', 1],
  ]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await n1?.close();
  await n2?.close();
});

async function openOrder(
  email: string,
  locale: string,
  id = orderId,
  viewport?: { width: number; height: number },
): Promise<Page> {
  const context = await newContext(browser, { locale, ...(viewport ? { viewport } : {}) });
  await loginByApi(context, n1.url, email, PASSWORD);
  const page = await context.newPage();
  await page.goto(`${n1.url}/orders/${id}`);
  await ready(page, 'order');
  await page.locator('#sent-messages').waitFor();
  return page;
}

/** The block of the message with sequence number `seq`. */
async function message(page: Page, seq: number): Promise<Locator> {
  const d = (await deliveries()).find((x) => x.seq === seq)!;
  return page.locator(`#sent-messages [data-message="${d.messageId}"]`);
}

/** A timestamp as the page formats it (Intl in the browser, so in its language and time zone). */
const shown = (page: Page, value: string, seconds = false) =>
  page.evaluate(
    ([v, s]) =>
      new Intl.DateTimeFormat(document.documentElement.lang === 'nl' ? 'nl-NL' : 'en-GB', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        ...(s ? { second: '2-digit' } : {}),
      }).format(new Date(v)),
    [value, seconds] as const,
  );

/** The state badges' texts, as a screen reader reads them (the symbol beside each is decoration). */
const states = (scope: Locator) =>
  scope.locator('.badge').evaluateAll((badges) =>
    badges.map((b) =>
      [...b.childNodes]
        .filter((n) => !(n instanceof Element && n.getAttribute('aria-hidden') === 'true'))
        .map((n) => n.textContent)
        .join(''),
    ),
  );

/** The sentences under a message's state. */
const paragraphs = (block: Locator) => block.locator('.sent-state p').allInnerTexts();

/** The lines of an open timeline: each event's text, with its detail when it has one. */
const events = (block: Locator) =>
  block
    .locator('.sent-timeline > li')
    .evaluateAll((items) =>
      items.map((li) =>
        [li.querySelector('.timeline-text')?.textContent, li.querySelector('.reason')?.textContent]
          .filter(Boolean)
          .join(' — '),
      ),
    );

/** The whole page, and the section alone at full size, to look at. */
async function shoot(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  // The sticky top bar would cover part of a section taller than the window.
  await page.evaluate(() =>
    document.querySelector<HTMLElement>('.topbar')?.style.setProperty('position', 'static'),
  );
  await page.locator('#sent-messages').screenshot({ path: join(SHOTS, `${name}-section.png`) });
  await page.evaluate(() => document.querySelector<HTMLElement>('.topbar')?.style.removeProperty('position'));
}

async function noSevereAxe(page: Page, name: string): Promise<void> {
  const violations = await axe(page);
  expect(severe(violations), `${name}: ${JSON.stringify(severe(violations), null, 2)}`).toEqual([]);
}

describe('sent messages on the order page', () => {
  it('shows each message with its state in Dutch, and a delivered one’s timeline opens with the keyboard', async () => {
    const page = await openOrder(BUYER, 'nl-NL');
    const section = page.locator('#sent-messages');
    expect(await section.getByRole('heading', { level: 2 }).innerText()).toBe('Verzonden berichten');
    expect(await section.locator('.sent-message h3').allInnerTexts()).toEqual([
      'Order · bericht 1',
      'Order · bericht 2',
      'Orderwijziging · bericht 3',
      'Orderwijziging · bericht 4',
    ]);
    const [d1, d2, , d4] = await deliveries();
    expect(await states(section)).toEqual([
      'Afgeleverd',
      'Geweigerd door partner',
      'Niet afgeleverd',
      'Wacht op nieuwe poging',
    ]);

    const delivered = await message(page, 1);
    expect(await delivered.locator('.sent-meta').innerText()).toBe(
      `Aan ${B_NAME} · verstuurd op ${await shown(page, d1!.createdAt)}`,
    );
    expect(await paragraphs(delivered)).toEqual([
      `Afgeleverd op ${await shown(page, d1!.deliveredAt!)}, na 3 pogingen.`,
      `Ondertekend ontvangstbewijs van ${B_NAME}: ontvangen op ${await shown(page, d1!.receipt!.receivedAt!)}.`,
    ]);

    const rejected = await message(page, 2);
    const reason = d2!.partnerResponse!.description!;
    expect(reason).toMatch(/^Order PO-TL-1: /);
    expect(await paragraphs(rejected)).toEqual([
      `${B_NAME} heeft het bericht ontvangen maar kon het niet verwerken. De wijziging staat dus niet in de ` +
        `order van de partner.`,
      `Reden van de partner: ${reason}`,
    ]);
    expect(
      await rejected.getByRole('link', { name: /^Antwoord van de partner bekijken/ }).getAttribute('href'),
    ).toBe(`/documents/${d2!.partnerResponse!.documentId}`);

    const dead = await message(page, 3);
    expect(await paragraphs(dead)).toEqual([
      `Na 1 poging gestopt: ${B_NAME} weet nog niets van deze wijziging.`,
      'Laatste fout: HTTP 503: maintenance window',
    ]);
    expect(
      await dead.getByRole('button', { name: 'Opnieuw versturen Orderwijziging, bericht 3' }).count(),
    ).toBe(1);
    // Only an undelivered message can be resent.
    expect(await section.getByRole('button', { name: /^Opnieuw versturen/ }).count()).toBe(1);

    const waiting = await message(page, 4);
    expect(await paragraphs(waiting)).toEqual([
      `Poging 1 is mislukt. Volgende poging ${await shown(page, d4!.nextAttemptAt!)}.`,
      'Laatste fout: HTTP 503: maintenance window',
    ]);
    expect(Date.parse(d4!.nextAttemptAt!) - Date.now()).toBeGreaterThan(5 * 60_000);

    // The timeline opens on demand, from the keyboard.
    const controls = await delivered
      .getByRole('button', { name: 'Tijdlijn tonen Order, bericht 1' })
      .getAttribute('aria-controls');
    // The same button, whatever it says.
    const toggle = delivered.locator(`button[aria-controls="${controls}"]`);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    const timeline = page.locator(`#${controls}`);
    expect(await timeline.isHidden()).toBe(true);
    await toggle.focus();
    await page.keyboard.press('Enter');
    await delivered.locator('.sent-timeline').waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await delivered.getByRole('button', { name: 'Tijdlijn verbergen Order, bericht 1' }).count()).toBe(
      1,
    );
    expect(await timeline.getByRole('list', { name: 'Tijdlijn van Order, bericht 1' }).count()).toBe(1);
    const receivedAt = await shown(page, d1!.receipt!.receivedAt!);
    expect(await events(delivered)).toEqual([
      'In de wachtrij gezet als bericht 1 van deze order',
      expect.stringMatching(/^Poging 1: geen verbinding met de server van de partner — Fout: .+$/),
      'Even gepauzeerd: te veel mislukte pogingen na elkaar bij deze partner',
      'Poging 2: geweigerd door de server van de partner (HTTP 503) — Reden van de partner: maintenance window',
      'Even gepauzeerd: te veel mislukte pogingen na elkaar bij deze partner',
      'Poging 3: afgeleverd bij de partner',
      `Ondertekend ontvangstbewijs opgeslagen: ontvangen op ${receivedAt}`,
    ]);
    // A failed attempt and a pause say when the next attempt was due; times to the second.
    const detail = await n1.services.getOutboxMessage(asA, d1!.messageId);
    const retryAt = detail.timeline[2]!.retryAt!;
    expect(await delivered.locator('.sent-timeline > li').nth(2).innerText()).toContain(
      `Volgende poging ${await shown(page, retryAt, true)}.`,
    );
    expect(await delivered.locator('.sent-timeline time').first().innerText()).toBe(
      await shown(page, detail.timeline[0]!.at, true),
    );

    // The rejected message's timeline ends with the partner's answer.
    await rejected.getByRole('button', { name: 'Tijdlijn tonen Order, bericht 2' }).click();
    await rejected.locator('.sent-timeline').waitFor();
    expect((await events(rejected)).slice(-1)).toEqual([`Geweigerd door de partner — Reden: ${reason}`]);
    // B's MLR lists the one fatal finding (the missing issue date) as an issue.
    const answer = (await n1.services.getOutboxMessage(asA, d2!.messageId)).timeline.at(-1)!;
    expect(answer).toMatchObject({ event: 'partner_response', code: 'RE', issues: 1 });
    expect(await rejected.locator('.sent-timeline > li').last().innerText()).toContain('1 probleem genoemd.');

    await shoot(page, 'sent-messages-nl');
    await noSevereAxe(page, 'sent-messages-nl');

    // Closing it again, with Space.
    await toggle.focus();
    await page.keyboard.press('Space');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await timeline.isHidden()).toBe(true);
    await page.context().close();
  });

  it('says the same in English, on a desktop and on a 768 px tablet without sideways scrolling', async () => {
    for (const viewport of [undefined, { width: 768, height: 1024 }]) {
      const page = await openOrder(BUYER, 'en-GB', orderId, viewport);
      const section = page.locator('#sent-messages');
      expect(await section.getByRole('heading', { level: 2 }).innerText()).toBe('Sent messages');
      expect(await section.locator('.sent-message h3').allInnerTexts()).toEqual([
        'Order · message 1',
        'Order · message 2',
        'Order change · message 3',
        'Order change · message 4',
      ]);
      expect(await states(section)).toEqual([
        'Delivered',
        'Rejected by partner',
        'Not delivered',
        'Waiting to retry',
      ]);
      const dead = await message(page, 3);
      expect(await paragraphs(dead)).toEqual([
        `Stopped after 1 attempt: ${B_NAME} does not know about this change yet.`,
        'Last error: HTTP 503: maintenance window',
      ]);
      expect(await dead.getByRole('button', { name: 'Resend Order change, message 3' }).count()).toBe(1);
      const delivered = await message(page, 1);
      await delivered.getByRole('button', { name: 'Show timeline Order, message 1' }).click();
      await delivered.locator('.sent-timeline').waitFor();
      expect((await events(delivered)).slice(3, 6)).toEqual([
        "Attempt 2: refused by the partner's server (HTTP 503) — The partner's reason: maintenance window",
        'Paused: too many failed attempts in a row to this partner',
        'Attempt 3: delivered to the partner',
      ]);
      await dead.getByRole('button', { name: 'Show timeline Order change, message 3' }).click();
      await dead.locator('.sent-timeline').waitFor();
      expect(await events(dead)).toEqual([
        'Queued as message 3 of this order',
        "Attempt 1: refused by the partner's server (HTTP 503) — The partner's reason: maintenance window",
        'Given up: not delivered in time — Last error: HTTP 503: maintenance window',
      ]);
      const widths = await page.evaluate(() => ({
        doc: document.documentElement.scrollWidth,
        view: innerWidth,
      }));
      expect(widths.doc).toBeLessThanOrEqual(widths.view);
      const name = viewport ? 'sent-messages-en-tablet' : 'sent-messages-en';
      await section.scrollIntoViewIfNeeded();
      await shoot(page, name);
      await noSevereAxe(page, name);
      await page.context().close();
    }
    const tablet = await openOrder(BUYER, 'nl-NL', orderId, { width: 768, height: 1024 });
    await (await message(tablet, 3)).getByRole('button', { name: /^Tijdlijn tonen/ }).click();
    await tablet.locator('.sent-timeline').waitFor();
    await shoot(tablet, 'sent-messages-nl-tablet');
    await tablet.context().close();
  });

  it('lets a viewer read the messages and timelines, but not resend', async () => {
    const page = await openOrder(VIEWER, 'nl-NL');
    const dead = await message(page, 3);
    expect(await states(dead)).toEqual(['Niet afgeleverd']);
    expect(
      await page
        .locator('#sent-messages')
        .getByRole('button', { name: /^Opnieuw versturen/ })
        .count(),
    ).toBe(0);
    await dead.getByRole('button', { name: 'Tijdlijn tonen Orderwijziging, bericht 3' }).click();
    await dead.locator('.sent-timeline').waitFor();
    expect(await events(dead)).toHaveLength(3);
    await page.context().close();
  });

  it('resends an undelivered message and follows it to its delivery without a reload', async () => {
    const page = await openOrder(BUYER, 'nl-NL');
    const dead = await message(page, 3);
    const [, , before] = await deliveries();
    expect(before).toMatchObject({ status: 'dead' });
    await dead.getByRole('button', { name: 'Opnieuw versturen Orderwijziging, bericht 3' }).click();
    await expect.poll(() => states(dead), { timeout: 10_000 }).toEqual(['Wordt verstuurd']);
    expect((await deliveries())[2]).toMatchObject({ status: 'pending', attempts: 0, totalAttempts: 1 });
    expect(await dead.getByRole('button', { name: /^Opnieuw versturen/ }).count()).toBe(0);
    // Focus went from the vanished button to the message's new state, and the resend was announced.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 5_000 })
      .toBe(`sent-${before!.messageId}-state`);
    await expect
      .poll(() => page.getByTestId('announcer').textContent(), { timeout: 5_000 })
      .toBe('Opnieuw in de wachtrij gezet.');

    // The node delivers it; the page asks again by itself while the message is on its way.
    await worker().drain();
    expect((await deliveries())[2]).toMatchObject({ status: 'delivered', totalAttempts: 2 });
    await expect.poll(() => states(dead), { timeout: 10_000 }).toEqual(['Afgeleverd']);
    await dead.getByRole('button', { name: 'Tijdlijn tonen Orderwijziging, bericht 3' }).click();
    await dead.locator('.sent-timeline').waitFor();
    expect((await events(dead)).map((e) => e.split(':')[0])).toEqual([
      'In de wachtrij gezet als bericht 3 van deze order',
      'Poging 1',
      'Opgegeven',
      'Opnieuw in de wachtrij gezet',
      'Poging 1',
      'Ondertekend ontvangstbewijs opgeslagen',
    ]);
    // B applied the change: its copy has the added line.
    const copy = await n2.services.deps.store.companies.findByIdentifier('0106', '92929292');
    const bOrder = await n2.services.deps.store.orders.get(copy!.id, orderId);
    expect(bOrder!.lines.map((l) => l.lineId)).toEqual(['1', '2']);
    await shoot(page, 'sent-messages-resent-nl');
    await page.context().close();
  });

  it('shows a new message as soon as the order changes', async () => {
    const page = await openOrder(BUYER, 'nl-NL');
    await live(page);
    expect(await page.locator('#sent-messages .sent-message').count()).toBe(4);
    await n1.services.changeOrder(asA, orderId, { add: [line('4')] });
    await expect
      .poll(() => page.locator('#sent-messages .sent-message').count(), { timeout: 10_000 })
      .toBe(5);
    expect(await (await message(page, 5)).locator('h3').innerText()).toBe('Orderwijziging · bericht 5');
    expect(await states(await message(page, 5))).toEqual(['Wordt verstuurd']);
    await page.context().close();
  });

  it('says so when nothing was sent', async () => {
    const page = await openOrder(C_SALES, 'nl-NL', localOrderId);
    expect(await page.locator('h1').innerText()).toContain('PO-TL-LOCAL');
    const section = page.locator('#sent-messages');
    expect(await section.innerText()).toContain('Nog geen berichten over deze order verstuurd.');
    expect(await section.locator('.sent-message').count()).toBe(0);
    await shoot(page, 'sent-messages-empty-nl');
    await page.context().close();
  });
});
