// The demo chain: created through the use cases, idempotent, and covering every order status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Company } from '../../src/domain/company-types.ts';
import { parseIdentifier } from '../../src/domain/identifiers.ts';
import { ORDER_STATUSES } from '../../src/domain/order-status.ts';
import { startNode, type RunningNode } from '../../src/cli/start-node.ts';
import type { Caller } from '../../src/app/deps.ts';
import {
  DEMO_PASSWORD,
  dutchVatNumber,
  seedDemo,
  withGs1CheckDigit,
  type DemoSeedResult,
} from '../../src/demo/seed-demo.ts';
import type { Services } from '../../src/app/node.ts';

let node: RunningNode;
let services: Services;

beforeAll(async () => {
  node = await startNode({ port: 0 }); // in-memory PGlite
  services = node.services;
});
afterAll(() => node?.close());

const admin = (c: Pick<Company, 'id' | 'name'>): Caller => ({
  companyId: c.id,
  role: 'admin',
  actor: { companyId: c.id, companyName: c.name, userId: null, tokenId: null, name: 'test' },
});

/** Everything the demo creates, counted per company. */
async function census(result: DemoSeedResult) {
  const companies = await services.deps.store.companies.list();
  const perCompany = await Promise.all(
    result.companies.map(async (c) => {
      const orders = await services.listOrders(admin(c), { limit: 500 });
      const users = await services.listOwnUsers(admin(c));
      const tokens = (await services.listApiTokens(admin(c))).filter((t) => !t.revokedAt);
      return {
        name: c.name,
        orders: orders.items.length,
        users: users.length,
        liveTokens: tokens.length,
        statuses: orders.items.map((o) => o.status),
      };
    }),
  );
  return { companies: companies.length, perCompany };
}

describe('seedDemo', () => {
  it('computes real check digits', () => {
    expect(withGs1CheckDigit('871940100001')).toBe('8719401000015');
    expect(dutchVatNumber('85401723')).toBe('NL854017239B01');
  });

  it('creates the chain once, then finds it again without duplicating anything', async () => {
    const first = await seedDemo(services);
    expect(first.created).toEqual({ companies: 5, users: 15, orders: first.orderNumbers.length });
    expect(first.orderNumbers.length).toBeGreaterThanOrEqual(14);
    const before = await census(first);

    const second = await seedDemo(services);
    expect(second.created).toEqual({ companies: 0, users: 0, orders: 0 });
    const after = await census(second);
    expect(after).toEqual(before);
    expect(after.companies).toBe(5);
    for (const c of after.perCompany) {
      expect(c.users, c.name).toBe(3);
      expect(c.liveTokens, c.name).toBe(1);
    }

    // Every company's identifiers are valid and its new token works; the previous one is revoked.
    for (const [i, c] of second.companies.entries()) {
      c.identifiers.forEach((id) => expect(() => parseIdentifier(id)).not.toThrow());
      expect(c.token).toMatch(/^sk_/);
      expect(c.token).not.toBe(first.companies[i]!.token);
      await expect(services.authenticate({ bearer: c.token })).resolves.toMatchObject({
        companyId: c.id,
        role: 'admin',
      });
      await expect(services.authenticate({ bearer: first.companies[i]!.token })).rejects.toMatchObject({
        code: 'unauthenticated',
      });
    }

    // Every order status appears in the chain.
    const statuses = new Set(after.perCompany.flatMap((c) => c.statuses));
    for (const s of ORDER_STATUSES) expect(statuses, s).toContain(s);
  }, 300_000);

  it('gives the OEM a task list and its people a working login', async () => {
    const result = await seedDemo(services);
    const oem = result.companies.find((c) => c.key === 'oem')!;
    expect(oem).toMatchObject({
      name: 'Van Dijk Machinebouw B.V.',
      city: 'Eindhoven',
      identifier: '0088:8719401000015',
    });
    expect(oem.identifiers).toEqual(['0088:8719401000015', '0106:17093842', '9944:NL854017239B01']);

    const tasks = await services.listTasks(admin(oem));
    expect(new Set(tasks.map((t) => t.kind))).toEqual(
      new Set(['invoice_mismatch', 'delivery_late', 'confirmation_overdue', 'decide_proposal']),
    );

    const assembler = result.companies.find((c) => c.key === 'assembler')!;
    const sellerTasks = (await services.listTasks(admin(assembler))).map((t) => t.kind);
    expect(sellerTasks).toEqual(
      expect.arrayContaining(['confirm_order', 'answer_change', 'line_rejected', 'delivery_late']),
    );

    const anna = oem.users.find((u) => u.role === 'purchasing')!;
    expect(anna.email).toBe('anna@vandijk.example');
    await expect(services.login(anna.email, DEMO_PASSWORD)).resolves.toMatchObject({
      user: { name: 'Anna de Vries', companyId: oem.id },
    });

    // The proposal order shows a date, a quantity, a price and a split-schedule proposal.
    const page = await services.listOrders(admin(oem), { q: 'VDM-PO-26105', limit: 5 });
    const order = await services.getOrder(admin(oem), page.items[0]!.id);
    const proposals = order.lines.map((l) => l.proposal!.terms);
    expect(proposals.map((p) => p.schedule.length)).toContain(2);
    expect(order.lines.map((l) => l.proposal!.terms.quantity)).not.toEqual(
      order.lines.map((l) => l.requested.quantity),
    );
    expect(order.lines.some((l) => l.proposal!.terms.price.amount !== l.requested.price.amount)).toBe(true);
    expect(
      order.lines.some((l) => l.proposal!.terms.schedule[0]!.date !== l.requested.schedule[0]!.date),
    ).toBe(true);

    // The node the demo runs on answers.
    const health = await fetch(`${node.url}/healthz`);
    expect(health.status).toBe(200);
  }, 180_000);
});
