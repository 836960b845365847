// The storage contract: one suite that every Store implementation must pass (PGlite in memory, PGlite in a
// data directory, PostgreSQL). Each implementation's *.test.ts calls describeStoreContract with a factory.
// Tests share one store per suite and isolate themselves by creating their own companies.
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import { orderStatus } from '../../src/domain/order-status.ts';
import type { Order } from '../../src/domain/order-types.ts';
import { PG_UNIQUE_VIOLATION, sqlState, type Db } from '../../src/storage/db.ts';
import { migrate } from '../../src/storage/migrate.ts';
import {
  OrdersRepository,
  type OrderFilter,
  type OrderSummary,
} from '../../src/storage/orders-repository.ts';
import type { Store } from '../../src/storage/store.ts';
import { describeDocumentsContract } from './documents-contract.ts';
import { describeNetworkContract } from './network-contract.ts';
import {
  acceptAll,
  acted,
  actor,
  at,
  buyerCopy,
  companies,
  company,
  countRows,
  history,
  insertBuyerCopy,
  line,
  sellerCopy,
  unique,
} from './fixtures.ts';

const MIGRATIONS = readdirSync(join(import.meta.dirname, '../../src/storage/migrations'))
  .filter((f) => f.endsWith('.sql'))
  .sort();

/** The error `promise` rejects with (fails when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

async function domainRejection(promise: Promise<unknown>): Promise<DomainError> {
  const e = await rejection(promise);
  if (!(e instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(e)}`);
  return e;
}

const TODAY = '2026-03-10';
const filter = (f: Partial<OrderFilter> = {}): OrderFilter => ({ today: TODAY, ...f });

/** Every page of a listing, following nextCursor. */
async function allPages(
  store: Store,
  companyId: string,
  f: OrderFilter,
  limit: number,
): Promise<OrderSummary[][]> {
  const pages: OrderSummary[][] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const page = await store.orders.list(companyId, f, limit, cursor);
    pages.push(page.items);
    if (!page.nextCursor) return pages;
    cursor = page.nextCursor;
  }
  throw new Error('pagination does not end');
}

/** Line rows with their xmin: a row that was rewritten gets a new xmin. */
async function lineRows(
  db: Db,
  order: Order,
): Promise<Map<string, { xmin: string; state: string; position: number }>> {
  const r = await db.query<{ line_id: string; xmin: string; state: string; position: number }>(
    'SELECT line_id, xmin::text AS xmin, state, position FROM order_lines WHERE company_id = $1 AND order_id = $2',
    [order.companyId, order.id],
  );
  return new Map(r.rows.map((x) => [x.line_id, { xmin: x.xmin, state: x.state, position: x.position }]));
}

export function describeStoreContract(open: () => Promise<Store>): void {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store?.close();
  });

  describeDocumentsContract(() => store);
  describeNetworkContract(() => store);

  describe('migrations', () => {
    it('records every migration once and applies nothing on a second run', async () => {
      expect(await migrate(store.database)).toEqual([]);
      const r = await store.database.query<{ name: string }>(
        'SELECT name FROM schema_migrations ORDER BY name',
      );
      expect(r.rows.map((x) => x.name)).toEqual(MIGRATIONS);
      expect(MIGRATIONS[0]).toBe('0001-initial.sql');
    });

    it('leaves the schema usable after re-running (no duplicate trigger or table errors)', async () => {
      await migrate(store.database);
      const r = await store.database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_trigger WHERE tgname = 'order_events_no_update' AND tgrelid = 'order_events'::regclass",
      );
      expect(r.rows[0]!.n).toBe(1);
    });
  });

  describe('companies', () => {
    it('stores a company with its identifiers, primary first', async () => {
      const c = company();
      c.identifiers.push({ scheme: '0088', value: `99${unique()}`, primary: false });
      c.identifiers.reverse();
      await store.companies.insert(c);
      const got = await store.companies.get(c.id);
      expect(got).toMatchObject({ id: c.id, name: c.name, city: 'Eindhoven', country: 'NL' });
      expect(got!.identifiers[0]!.primary).toBe(true);
      expect(got!.identifiers).toHaveLength(2);
      const second = c.identifiers.find((i) => !i.primary)!;
      expect((await store.companies.findByIdentifier(second.scheme, second.value))?.id).toBe(c.id);
      expect(await store.companies.findByIdentifier('0007', `missing-${unique()}`)).toBeNull();
      expect((await store.companies.list()).some((x) => x.id === c.id)).toBe(true);
      await store.companies.update({ id: c.id, name: `${c.name} renamed`, city: null, country: 'BE' });
      expect(await store.companies.get(c.id)).toMatchObject({
        name: `${c.name} renamed`,
        city: null,
        country: 'BE',
      });
    });

    it('refuses an identifier that another company holds, and stores nothing of the second company', async () => {
      const first = company();
      await store.companies.insert(first);
      const second = { ...company(), identifiers: [{ ...first.identifiers[0]!, primary: true }] };
      const e = await rejection(store.companies.insert(second));
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('conflict');
      expect(await store.companies.get(second.id)).toBeNull();
      expect(
        (await store.companies.findByIdentifier(first.identifiers[0]!.scheme, first.identifiers[0]!.value))
          ?.id,
      ).toBe(first.id);
    });
  });

  describe('users, sessions and tokens', () => {
    it('finds users by e-mail case-insensitively and refuses the same e-mail in another case', async () => {
      const [c] = await companies(store, 'Users');
      const email = `Anna.${unique()}@Example.NL`;
      const user = { id: randomUUID(), companyId: c!.id, email, name: 'Anna', role: 'purchasing' as const };
      await store.users.insert(user, 'hash-1');
      const found = await store.users.findByEmail(email.toLowerCase());
      expect(found).toMatchObject({
        id: user.id,
        passwordHash: 'hash-1',
        disabled: false,
        role: 'purchasing',
      });
      const e = await rejection(
        store.users.insert({ ...user, id: randomUUID(), email: email.toUpperCase() }, 'hash-2'),
      );
      expect((e as DomainError).code).toBe('conflict');
      expect((await store.users.listByCompany(c!.id)).map((u) => u.id)).toEqual([user.id]);
      expect(await store.users.findByEmail(`nobody.${unique()}@example.nl`)).toBeNull();
    });

    it('resolves live sessions only: expired, deleted and disabled-user sessions are refused', async () => {
      const [c] = await companies(store, 'Sessions');
      const user = {
        id: randomUUID(),
        companyId: c!.id,
        email: `s.${unique()}@example.nl`,
        name: 'S',
        role: 'sales' as const,
      };
      await store.users.insert(user, 'h');
      const live = `live-${unique()}`;
      const expired = `expired-${unique()}`;
      await store.users.createSession(live, user.id, c!.id, new Date(Date.now() + 3600_000).toISOString());
      await store.users.createSession(expired, user.id, c!.id, new Date(Date.now() - 1000).toISOString());
      expect((await store.users.findSessionUser(live))?.id).toBe(user.id);
      expect(await store.users.findSessionUser(expired)).toBeNull();
      expect(await store.users.findSessionUser(`unknown-${unique()}`)).toBeNull();

      await store.database.query('UPDATE users SET disabled_at = now() WHERE id = $1', [user.id]);
      expect(await store.users.findSessionUser(live)).toBeNull();
      await store.database.query('UPDATE users SET disabled_at = NULL WHERE id = $1', [user.id]);
      expect((await store.users.findSessionUser(live))?.id).toBe(user.id);

      await store.users.deleteSession(live);
      expect(await store.users.findSessionUser(live)).toBeNull();
    });

    it('looks tokens up by hash, records their use, and stops accepting them once revoked', async () => {
      const [c, other] = await companies(store, 'Tokens', 'Other');
      const id = randomUUID();
      const hash = `hash-${unique()}`;
      await store.users.insertToken({
        id,
        companyId: c!.id,
        name: 'ERP',
        prefix: 'sk_abcdefg',
        role: 'purchasing',
        tokenHash: hash,
        createdBy: null,
      });
      expect((await store.users.listTokens(c!.id))[0]).toMatchObject({
        id,
        lastUsedAt: null,
        revokedAt: null,
      });

      const used = await store.users.useToken(hash);
      expect(used).toMatchObject({
        id,
        companyId: c!.id,
        name: 'ERP',
        role: 'purchasing',
        prefix: 'sk_abcdefg',
      });
      const [afterUse] = await store.users.listTokens(c!.id);
      expect(afterUse!.lastUsedAt).not.toBeNull();
      expect(Math.abs(Date.parse(afterUse!.lastUsedAt!) - Date.now())).toBeLessThan(60_000);
      expect(await store.users.useToken(`other-${unique()}`)).toBeNull();

      // Another company cannot revoke it.
      expect(await store.users.revokeToken(other!.id, id)).toBe(false);
      expect(await store.users.useToken(hash)).not.toBeNull();

      expect(await store.users.revokeToken(c!.id, id)).toBe(true);
      expect(await store.users.useToken(hash)).toBeNull();
      expect(await store.users.revokeToken(c!.id, id)).toBe(false);
      expect((await store.users.listTokens(c!.id))[0]!.revokedAt).not.toBeNull();
    });

    it('refuses a second token with the same hash', async () => {
      const [c] = await companies(store, 'Tokens2');
      const t = {
        companyId: c!.id,
        name: 'x',
        prefix: 'sk_',
        role: 'viewer' as const,
        tokenHash: `dup-${unique()}`,
        createdBy: null,
      };
      await store.users.insertToken({ ...t, id: randomUUID() });
      expect(sqlState(await rejection(store.users.insertToken({ ...t, id: randomUUID() })))).toBe(
        PG_UNIQUE_VIOLATION,
      );
    });
  });

  describe('orders', () => {
    it('inserts a copy and gets it back unchanged, with its history', async () => {
      const [b, s] = await companies(store, 'Buyer', 'Seller');
      const { order, events } = buyerCopy(b!, s!, {
        lines: [
          line('10'),
          line('2', {
            schedule: [
              { id: 'a', date: '2026-04-01', quantity: '5' },
              { id: 'b', date: '2026-05-01', quantity: '7' },
            ],
          }),
        ],
        deliveryLocation: { name: 'Dock 4', address: 'Straat 1, Eindhoven' },
        note: 'Urgent',
      });
      const rows = history(order, events, actor(b!));
      await store.orders.insert(order, rows);
      expect(await store.orders.get(b!.id, order.id)).toEqual(order);
      expect((await store.orders.get(b!.id, order.id))!.lines.map((l) => l.lineId)).toEqual(['10', '2']);
      expect(await store.orders.events(b!.id, order.id)).toEqual(rows);
      expect(await store.orders.findIdByNumber(b!.id, order.number)).toBe(order.id);
      expect(await store.orders.get(b!.id, randomUUID())).toBeNull();
    });

    it('updates with the expected version and refuses a stale one without writing anything', async () => {
      const [b, s] = await companies(store, 'Buyer', 'Seller');
      const { order, events } = buyerCopy(b!, s!, { lines: [line('1'), line('2')] });
      await store.orders.insert(order, history(order, events, actor(b!)));

      const accepted = acted(order, acceptAll(order), 'seller', at(1));
      await store.orders.update(
        accepted.order,
        1,
        accepted.changedLineIds,
        history(accepted.order, accepted.events, actor(s!)),
      );
      const saved = await store.orders.get(b!.id, order.id);
      expect(saved).toEqual(accepted.order);
      expect(saved!.version).toBe(2);

      const eventsBefore = await store.orders.events(b!.id, order.id);
      const linesBefore = await lineRows(store.database, order);
      // Someone else's change based on version 1: refused.
      const stale = acted(order, { type: 'cancel', reason: 'not needed' }, 'buyer', at(2));
      const e = await domainRejection(
        store.orders.update(
          stale.order,
          1,
          stale.changedLineIds,
          history(stale.order, stale.events, actor(b!)),
        ),
      );
      expect(e.code).toBe('version_conflict');
      expect(e.details.expectedVersion).toBe(1);
      expect(await store.orders.get(b!.id, order.id)).toEqual(saved);
      expect(await store.orders.events(b!.id, order.id)).toEqual(eventsBefore);
      expect(await lineRows(store.database, order)).toEqual(linesBefore);
      const status = await store.database.query<{ status: string; version: number }>(
        'SELECT status, version FROM orders WHERE company_id = $1 AND id = $2',
        [b!.id, order.id],
      );
      expect(status.rows[0]).toEqual({ status: 'agreed', version: 2 });
    });

    it('rewrites only the changed lines on update, and appends new ones in position', async () => {
      const [b, s] = await companies(store, 'Buyer', 'Seller');
      const order = await insertBuyerCopy(store, b!, s!, { lines: [line('1'), line('2'), line('3')] });
      const before = await lineRows(store.database, order);

      const step = acted(order, { type: 'respond', answers: [{ lineId: '2', answer: 'accept' }] }, 'seller');
      expect(step.changedLineIds).toEqual(['2']);
      // A careless caller passes a copy where line 3 also differs; only the named lines are written.
      const tampered = {
        ...step.order,
        lines: step.order.lines.map((l) => (l.lineId === '3' ? { ...l, note: 'not saved' } : l)),
      };
      await store.orders.update(tampered, 1, step.changedLineIds, []);
      const after = await lineRows(store.database, order);
      expect(after.get('1')!.xmin).toBe(before.get('1')!.xmin);
      expect(after.get('3')!.xmin).toBe(before.get('3')!.xmin);
      expect(after.get('2')!.xmin).not.toBe(before.get('2')!.xmin);
      expect(after.get('2')!.state).toBe('agreed');
      const saved = await store.orders.get(b!.id, order.id);
      expect(saved!.lines.find((l) => l.lineId === '3')!.note).toBeNull();

      const added = acted(saved!, { type: 'change', add: [line('0')] }, 'buyer', at(2));
      await store.orders.update(added.order, 2, added.changedLineIds, []);
      const withNew = await store.orders.get(b!.id, order.id);
      expect(withNew!.lines.map((l) => l.lineId)).toEqual(['1', '2', '3', '0']);
      expect((await lineRows(store.database, order)).get('0')!.position).toBe(3);
      expect((await lineRows(store.database, order)).get('1')!.xmin).toBe(before.get('1')!.xmin);
    });

    it('keeps order numbers unique per buyer, but lets two buyers use the same number at one seller', async () => {
      const [b1, b2, s, s2] = await companies(store, 'Buyer1', 'Buyer2', 'Seller', 'Seller2');
      const number = `PO-${unique()}`;
      const first = buyerCopy(b1!, s!, { number });
      await store.orders.insert(first.order, history(first.order, first.events, actor(b1!)));
      await store.orders.insert(sellerCopy(first.order), []);

      // Same buyer, same number (even to another seller): conflict, and nothing of it is stored.
      const again = buyerCopy(b1!, s2!, { number });
      const e = await domainRejection(
        store.orders.insert(again.order, history(again.order, again.events, actor(b1!))),
      );
      expect(e.code).toBe('conflict');
      expect(e.details.field).toBe('number');
      expect(await store.orders.get(b1!.id, again.order.id)).toBeNull();
      expect(await store.orders.events(b1!.id, again.order.id)).toEqual([]);

      // Another buyer, same number, same seller: fine on both copies.
      const other = buyerCopy(b2!, s!, { number });
      await store.orders.insert(other.order, []);
      await store.orders.insert(sellerCopy(other.order), []);
      const sellerList = await store.orders.list(s!.id, filter({ role: 'seller' }), 10);
      expect(sellerList.items.map((x) => x.id).sort()).toEqual([first.order.id, other.order.id].sort());

      // The same buyer's number twice at the seller is a conflict too.
      const dup = { ...sellerCopy(first.order), id: randomUUID() };
      expect((await domainRejection(store.orders.insert(dup, []))).code).toBe('conflict');
    });

    it('writes nothing of an insert that fails halfway (duplicate history id)', async () => {
      const [b, s] = await companies(store, 'Buyer', 'Seller');
      const existing = await insertBuyerCopy(store, b!, s!);
      const [existingEvent] = await store.orders.events(b!.id, existing.id);
      const { order, events } = buyerCopy(b!, s!);
      const rows = history(order, events, actor(b!)).map((r) => ({ ...r, id: existingEvent!.id }));
      await rejection(store.orders.insert(order, rows));
      expect(await store.orders.get(b!.id, order.id)).toBeNull();
      expect(await countRows(store, 'order_lines', b!.id)).toBe(existing.lines.length);
    });

    it('writes nothing of an update that fails halfway (duplicate history id)', async () => {
      const [b, s] = await companies(store, 'Buyer', 'Seller');
      const order = await insertBuyerCopy(store, b!, s!);
      const [existingEvent] = await store.orders.events(b!.id, order.id);
      const step = acted(order, acceptAll(order), 'seller');
      const rows = history(step.order, step.events, actor(s!)).map((r) => ({ ...r, id: existingEvent!.id }));
      await rejection(store.orders.update(step.order, 1, step.changedLineIds, rows));
      expect(await store.orders.get(b!.id, order.id)).toEqual(order);
    });

    it('finds nothing (and raises no SQL error) for an id that is not a UUID', async () => {
      const [b] = await companies(store, 'Buyer');
      for (const id of ['not-a-uuid', "1' OR '1'='1", '']) {
        expect(await store.orders.get(b!.id, id)).toBeNull();
        expect(await store.orders.getForUpdate(b!.id, id)).toBeNull();
        expect(await store.orders.events(b!.id, id)).toEqual([]);
      }
    });

    it('scopes every read and write to the owning company', async () => {
      const [a, b, s] = await companies(store, 'A', 'B', 'Seller');
      const order = await insertBuyerCopy(store, a!, s!);
      expect(await store.orders.get(b!.id, order.id)).toBeNull();
      expect(await store.orders.getForUpdate(b!.id, order.id)).toBeNull();
      expect(await store.orders.events(b!.id, order.id)).toEqual([]);
      expect((await store.orders.list(b!.id, filter(), 50)).items).toEqual([]);
      expect(await store.orders.countByStatus(b!.id, undefined)).toEqual({});
      expect(await store.orders.listOpen(b!.id)).toEqual([]);
      expect(await store.orders.findIdByNumber(b!.id, order.number)).toBeNull();
      // B forging A's copy under its own company id updates nothing.
      const step = acted(order, acceptAll(order), 'seller');
      const e = await domainRejection(
        store.orders.update({ ...step.order, companyId: b!.id }, 1, step.changedLineIds, []),
      );
      expect(e.code).toBe('version_conflict');
      expect(await store.orders.get(a!.id, order.id)).toEqual(order);
      // A sees its own.
      expect((await store.orders.list(a!.id, filter(), 50)).items.map((x) => x.id)).toEqual([order.id]);
    });

    it('lists open copies (and finished ones with an invoice mismatch) for the task list', async () => {
      const [b, s] = await companies(store, 'Buyer', 'Seller');
      const open = await insertBuyerCopy(store, b!, s!);
      const cancelledBase = buyerCopy(b!, s!);
      const cancelled = acted(cancelledBase.order, { type: 'cancel', reason: 'no' }, 'buyer');
      await store.orders.insert(cancelled.order, []);
      // Two completed orders: one invoiced as agreed, one with an invoice at another price.
      const completed = (price: string) => {
        let o = buyerCopy(b!, s!).order;
        o = acted(o, acceptAll(o), 'seller').order;
        const delivery = { lineId: '1', deliveryLineId: '1' };
        o = acted(
          o,
          {
            type: 'ship',
            despatch: { id: randomUUID(), number: 'D1' },
            lines: [{ ...delivery, quantity: '100' }],
          },
          'seller',
        ).order;
        o = acted(o, { type: 'receive', lines: [{ ...delivery, received: '100' }] }, 'buyer').order;
        const invoice = {
          number: 'I1',
          issueDate: '2026-04-02',
          lines: [{ lineId: '1', quantity: '100', price: { amount: price } }],
        };
        return acted(o, { type: 'invoice', invoiceId: randomUUID(), invoice }, 'seller').order;
      };
      const matched = completed('12.5');
      const mismatched = completed('13');
      await store.orders.insert(matched, []);
      await store.orders.insert(mismatched, []);
      // Statuses are the domain's, cached in the row at every save.
      const tally: Record<string, number> = {};
      for (const o of [open, cancelled.order, matched, mismatched])
        tally[orderStatus(o)] = (tally[orderStatus(o)] ?? 0) + 1;
      expect(await store.orders.countByStatus(b!.id, 'buyer')).toEqual(tally);
      expect(orderStatus(matched)).toBe('completed');
      const listed = await store.orders.listOpen(b!.id);
      expect(listed.map((o) => o.id).sort()).toEqual([open.id, mismatched.id].sort());
      expect(listed.find((o) => o.id === mismatched.id)).toEqual(mismatched);
    });

    it('records despatches with a number unique per company', async () => {
      const [s, other] = await companies(store, 'Seller', 'Other');
      const number = `D-${unique()}`;
      await store.orders.insertDespatch(s!.id, {
        id: randomUUID(),
        number,
        date: '2026-03-05',
        lines: [{ orderId: 'x' }],
      });
      const e = await domainRejection(
        store.orders.insertDespatch(s!.id, { id: randomUUID(), number, date: '2026-03-05', lines: [] }),
      );
      expect(e.code).toBe('conflict');
      await store.orders.insertDespatch(other!.id, {
        id: randomUUID(),
        number,
        date: '2026-03-05',
        lines: [],
      });
      expect(await countRows(store, 'despatches', s!.id)).toBe(1);
    });
  });

  describe('listing', () => {
    // One buyer with a mix of orders; each test reads it with other filters.
    let me: string;
    let s1: string;
    let s2: string;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      const [buyer, seller1, seller2, customer] = await companies(
        store,
        'Lister',
        'Draaiwerk',
        'Plaatwerk',
        'Klant',
      );
      me = buyer!.id;
      s1 = seller1!.id;
      s2 = seller2!.id;
      const put = async (key: string, o: Order) => {
        await store.orders.insert(o, []);
        ids[key] = o.id;
      };
      // issued, from seller1, 2026-03-01, number with an underscore
      await put(
        'underscore',
        buyerCopy(buyer!, seller1!, { number: `PO_${unique()}`, issueDate: '2026-03-01', createdAt: at(1) })
          .order,
      );
      // issued, seller1, number that '_' would match as a wildcard
      await put(
        'x',
        buyerCopy(buyer!, seller1!, { number: `POX${unique()}`, issueDate: '2026-03-02', createdAt: at(2) })
          .order,
      );
      // agreed, seller2, with a percent sign, delivery 2026-03-05 (late on TODAY)
      const late = buyerCopy(buyer!, seller2!, {
        number: `50%-${unique()}`,
        issueDate: '2026-03-03',
        createdAt: at(3),
        lines: [line('1', { schedule: [{ id: '1', date: '2026-03-05', quantity: '1' }] })],
      }).order;
      await put('late', acted(late, acceptAll(late), 'seller').order);
      // agreed, seller2, delivery in the future (not late)
      const onTime = buyerCopy(buyer!, seller2!, {
        number: `500-${unique()}`,
        issueDate: '2026-03-04',
        createdAt: at(4),
      }).order;
      await put('onTime', acted(onTime, acceptAll(onTime), 'seller').order);
      // in negotiation
      const proposed = buyerCopy(buyer!, seller1!, {
        number: `NEG-${unique()}`,
        issueDate: '2026-03-05',
        createdAt: at(5),
      }).order;
      await put(
        'proposed',
        acted(
          proposed,
          { type: 'respond', answers: [{ lineId: '1', answer: 'propose', quantity: '90' }] },
          'seller',
        ).order,
      );
      // me as the seller of another company's order
      await put(
        'sold',
        sellerCopy(
          buyerCopy(customer!, buyer!, {
            number: `SO-${unique()}`,
            issueDate: '2026-03-06',
            createdAt: at(6),
          }).order,
        ),
      );
    });
    const listed = async (f: Partial<OrderFilter>): Promise<string[]> =>
      (await store.orders.list(me, filter(f), 100)).items.map((x) => x.id);

    it('lists newest first with summaries', async () => {
      const page = await store.orders.list(me, filter(), 100);
      expect(page.items.map((x) => x.id)).toEqual([
        ids.sold,
        ids.proposed,
        ids.onTime,
        ids.late,
        ids.x,
        ids.underscore,
      ]);
      expect(page.nextCursor).toBeNull();
      const late = page.items.find((x) => x.id === ids.late)!;
      expect(late).toMatchObject({
        role: 'buyer',
        status: 'agreed',
        issueDate: '2026-03-03',
        nextDueDate: '2026-03-05',
        late: true,
        lineCount: 1,
        version: 2,
        currency: 'EUR',
      });
      expect(late.partner.companyId).toBe(s2);
      expect(page.items.find((x) => x.id === ids.onTime)).toMatchObject({
        late: false,
        nextDueDate: '2026-04-01',
      });
      expect(page.items.find((x) => x.id === ids.underscore)).toMatchObject({
        status: 'issued',
        nextDueDate: null,
        late: false,
      });
    });

    it('filters by role, status and partner', async () => {
      expect(await listed({ role: 'seller' })).toEqual([ids.sold]);
      expect(await listed({ role: 'buyer' })).not.toContain(ids.sold);
      expect(await listed({ status: ['agreed'] })).toEqual([ids.onTime, ids.late]);
      expect(await listed({ status: ['issued', 'in_negotiation'], role: 'buyer' })).toEqual([
        ids.proposed,
        ids.x,
        ids.underscore,
      ]);
      expect(await listed({ partnerCompanyId: s1 })).toEqual([ids.proposed, ids.x, ids.underscore]);
      expect(await listed({ partnerCompanyId: s2, status: ['issued'] })).toEqual([]);
    });

    it('filters by issue date, inclusive on both ends', async () => {
      expect(await listed({ from: '2026-03-02', to: '2026-03-04' })).toEqual([ids.onTime, ids.late, ids.x]);
      expect(await listed({ from: '2026-03-06' })).toEqual([ids.sold]);
      expect(await listed({ to: '2026-03-01' })).toEqual([ids.underscore]);
    });

    it('filters late orders against the given today', async () => {
      expect(await listed({ lateOnly: true })).toEqual([ids.late]);
      expect(await listed({ lateOnly: true, today: '2026-03-05' })).toEqual([]);
      expect(await listed({ lateOnly: true, today: '2026-04-02' })).toEqual([ids.onTime, ids.late]);
    });

    it('searches number and partner name case-insensitively, with % and _ taken literally', async () => {
      expect(await listed({ q: '_' })).toEqual([ids.underscore]);
      expect(await listed({ q: 'po_' })).toEqual([ids.underscore]);
      expect(await listed({ q: '%' })).toEqual([ids.late]);
      expect(await listed({ q: '50%' })).toEqual([ids.late]);
      expect(await listed({ q: '\\' })).toEqual([]);
      expect(await listed({ q: 'PLAATWERK' })).toEqual([ids.onTime, ids.late]);
      expect(await listed({ q: 'klant' })).toEqual([ids.sold]);
    });

    it('counts per status, per role or overall', async () => {
      expect(await store.orders.countByStatus(me, 'buyer')).toEqual({
        issued: 2,
        agreed: 2,
        in_negotiation: 1,
      });
      expect(await store.orders.countByStatus(me, 'seller')).toEqual({ issued: 1 });
      expect(await store.orders.countByStatus(me, undefined)).toEqual({
        issued: 3,
        agreed: 2,
        in_negotiation: 1,
      });
    });
  });

  describe('keyset pagination', () => {
    let me: string;
    let expected: string[];
    beforeAll(async () => {
      const [buyer, seller] = await companies(store, 'Pager', 'Seller');
      me = buyer!.id;
      const orders: Order[] = [];
      // 23 orders; created_at repeats in groups of five, inserted in shuffled order.
      for (let i = 0; i < 23; i++)
        orders.push(
          buyerCopy(buyer!, seller!, { createdAt: at(Math.floor(i / 5)), number: `P-${i}-${unique()}` })
            .order,
        );
      const shuffled = [...orders].sort(() => Math.random() - 0.5);
      for (const o of shuffled) await store.orders.insert(o, []);
      expected = [...orders]
        .sort((x, y) => y.createdAt.localeCompare(x.createdAt) || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0))
        .map((o) => o.id);
    });

    it('orders by created_at, then id, and returns every order exactly once across pages', async () => {
      for (const limit of [1, 4, 5, 7, 23, 50]) {
        const pages = await allPages(store, me, filter(), limit);
        const seen = pages.flat().map((x) => x.id);
        expect(seen).toEqual(expected);
        expect(new Set(seen).size).toBe(23);
        expect(pages.every((p) => p.length <= limit)).toBe(true);
        expect(pages.length).toBe(Math.max(1, Math.ceil(23 / limit)));
      }
    });

    it('is stable when newer orders arrive between pages', async () => {
      const first = await store.orders.list(me, filter(), 6);
      const [seller] = await companies(store, 'Seller');
      const buyer = (await store.companies.get(me))!;
      // Newer than every page already handed out; later pages must neither repeat nor skip anything.
      await store.orders.insert(
        buyerCopy(buyer, seller!, { createdAt: at(100), issueDate: '2026-03-03' }).order,
        [],
      );
      const ids: string[] = first.items.map((x) => x.id);
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await store.orders.list(me, filter(), 6, cursor);
        ids.push(...page.items.map((x) => x.id));
        cursor = page.nextCursor;
      }
      expect(ids).toEqual(expected);
    });

    it('combines a cursor with filters and refuses a forged cursor', async () => {
      const pages = await allPages(
        store,
        me,
        filter({ role: 'buyer', status: ['issued'], to: '2026-03-02' }),
        3,
      );
      expect(pages.flat().map((x) => x.id)).toEqual(expected);
      for (const bad of ['nonsense', Buffer.from('2026-01-01|not-a-uuid').toString('base64url')]) {
        const e = await domainRejection(store.orders.list(me, filter(), 5, bad));
        expect(e.code).toBe('validation_failed');
        expect(e.details.field).toBe('cursor');
      }
    });
  });

  describe('history', () => {
    it('returns events oldest first, per line on request, and refuses to update them', async () => {
      const [b, s] = await companies(store, 'Buyer', 'Seller');
      const order = await insertBuyerCopy(store, b!, s!, { lines: [line('1'), line('2')] });
      const step = acted(
        order,
        {
          type: 'respond',
          answers: [
            { lineId: '2', answer: 'reject', reason: 'no capacity' },
            { lineId: '1', answer: 'accept' },
          ],
        },
        'seller',
      );
      const rows = history(step.order, step.events, actor(s!, 'Sam'), at(1));
      await store.orders.update(step.order, 1, step.changedLineIds, rows);
      const events = await store.orders.events(b!.id, order.id);
      expect(events.map((e) => [e.type, e.lineId, e.reason])).toEqual([
        ['order.issued', null, null],
        ['line.rejected', '2', 'no capacity'],
        ['line.accepted', '1', null],
      ]);
      expect(events[1]!.actor).toEqual(rows[0]!.actor);
      expect(events[1]!.at).toBe(at(1));
      expect((await store.orders.events(b!.id, order.id, '2')).map((e) => e.type)).toEqual(['line.rejected']);

      const e = await rejection(
        store.database.query("UPDATE order_events SET reason = 'rewritten' WHERE order_id = $1", [order.id]),
      );
      expect(String((e as Error).message)).toMatch(/append-only/);
      const d = await rejection(
        store.database.query('DELETE FROM order_events WHERE order_id = $1', [order.id]),
      );
      expect(String((d as Error).message)).toMatch(/append-only/);
      expect(await store.orders.events(b!.id, order.id)).toEqual(events);
    });
  });

  describe('transactions', () => {
    it('rolls back everything written in a transaction that throws', async () => {
      const b = company();
      const s = company();
      const { order, events } = buyerCopy(b, s);
      const boom = new Error('boom');
      const e = await rejection(
        store.transaction(async (tx) => {
          await tx.companies.insert(b);
          await tx.companies.insert(s);
          await tx.orders.insert(order, history(order, events, actor(b)));
          expect(await tx.orders.get(b.id, order.id)).not.toBeNull();
          throw boom;
        }),
      );
      expect(e).toBe(boom);
      expect(await store.companies.get(b.id)).toBeNull();
      expect(await store.companies.get(s.id)).toBeNull();
      expect(await store.orders.get(b.id, order.id)).toBeNull();
      expect(await countRows(store, 'order_lines', b.id)).toBe(0);
      expect(await countRows(store, 'order_events', b.id)).toBe(0);
    });

    it('rolls back earlier writes when a later statement fails, and commits when nothing fails', async () => {
      const [b, s] = await companies(store, 'Buyer', 'Seller');
      const number = `PO-${unique()}`;
      const first = buyerCopy(b!, s!, { number });
      const second = buyerCopy(b!, s!, { number });
      const e = await domainRejection(
        store.transaction(async (tx) => {
          await tx.orders.insert(first.order, []);
          await tx.orders.insert(second.order, []);
        }),
      );
      expect(e.code).toBe('conflict');
      expect(await store.orders.get(b!.id, first.order.id)).toBeNull();

      const result = await store.transaction(async (tx) => {
        await tx.orders.insert(first.order, []);
        return 'done';
      });
      expect(result).toBe('done');
      expect(await store.orders.get(b!.id, first.order.id)).toEqual(first.order);
    });
  });

  describe('values', () => {
    it('keeps decimals exact through JSON', async () => {
      const [b, s] = await companies(store, 'Buyer', 'Seller');
      const order = await insertBuyerCopy(store, b!, s!, {
        lines: [
          line('1', {
            price: { amount: '123456789012345678.123456', baseQuantity: '0.000001' },
            schedule: [{ id: '1', date: '2026-04-01', quantity: '0.000001' }],
          }),
          line('2', {
            price: { amount: '0.1' },
            schedule: [{ id: '1', date: '2026-04-01', quantity: '999999999999999999.999999' }],
          }),
        ],
      });
      const got = (await store.orders.get(b!.id, order.id))!;
      expect(got.lines[0]!.requested).toEqual({
        quantity: '0.000001',
        price: { amount: '123456789012345678.123456', baseQuantity: '0.000001' },
        schedule: [{ id: '1', date: '2026-04-01', quantity: '0.000001' }],
      });
      expect(got.lines[1]!.requested.quantity).toBe('999999999999999999.999999');
      const raw = await store.database.query<{ amount: string }>(
        "SELECT data->'requested'->'price'->>'amount' AS amount FROM order_lines WHERE company_id = $1 AND order_id = $2 AND line_id = '1'",
        [b!.id, order.id],
      );
      expect(raw.rows[0]!.amount).toBe('123456789012345678.123456');
    });

    it('returns dates as YYYY-MM-DD and timestamps unchanged, whatever the session time zone', async () => {
      const [b, s] = await companies(store, 'Buyer', 'Seller');
      // 11:30 UTC is already the next day in Kiritimati (UTC+14).
      const created = '2026-03-02T11:30:00.000Z';
      const base = buyerCopy(b!, s!, {
        issueDate: '2026-03-02',
        createdAt: created,
        lines: [line('1', { schedule: [{ id: '1', date: '2026-03-05', quantity: '1' }] })],
      });
      const agreed = acted(base.order, acceptAll(base.order), 'seller', '2026-03-02T23:59:59.999Z').order;
      await store.database.transaction(async (tx) => {
        await tx.query("SET LOCAL TIME ZONE 'Pacific/Kiritimati'");
        const zone = await tx.query<{ TimeZone: string }>('SHOW TIME ZONE');
        expect(Object.values(zone.rows[0]!)[0]).toBe('Pacific/Kiritimati');
        const orders = new OrdersRepository(tx);
        await orders.insert(agreed, history(agreed, base.events, actor(b!), created));
        const got = (await orders.get(b!.id, agreed.id))!;
        expect(got.issueDate).toBe('2026-03-02');
        expect(got.createdAt).toBe(created);
        expect(got.updatedAt).toBe('2026-03-02T23:59:59.999Z');
        expect((await orders.events(b!.id, agreed.id))[0]!.at).toBe(created);
        const listedThere = await orders.list(b!.id, filter({ from: '2026-03-02', to: '2026-03-02' }), 10);
        expect(listedThere.items.map((x) => [x.id, x.issueDate, x.nextDueDate, x.createdAt])).toEqual([
          [agreed.id, '2026-03-02', '2026-03-05', created],
        ]);
        expect((await orders.list(b!.id, filter({ lateOnly: true, today: '2026-03-05' }), 10)).items).toEqual(
          [],
        );
        expect(
          (await orders.list(b!.id, filter({ lateOnly: true, today: '2026-03-06' }), 10)).items,
        ).toHaveLength(1);
      });
      // The same through the store, in the default zone.
      const got = (await store.orders.get(b!.id, agreed.id))!;
      expect(got).toEqual(agreed);
    });
  });
}
