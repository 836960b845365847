// A small world for service tests: a store (PGlite in memory, or PostgreSQL in a fresh schema), services
// bound to it (optionally with a pinned clock or another partner channel), and trading companies with
// callers of every role.
import { randomInt, randomUUID } from 'node:crypto';
import type { Company, UserRole } from '../../src/domain/company-types.ts';
import { DomainError } from '../../src/domain/errors.ts';
import type { NewLineInput } from '../../src/domain/order-create.ts';
import type { Order } from '../../src/domain/order-types.ts';
import type { Caller, Deps } from '../../src/app/deps.ts';
import type { IssueOrderInput } from '../../src/app/orders/issue-order.ts';
import { createServices, defaultDeps, type Services } from '../../src/app/node.ts';
import { openStore, type Store } from '../../src/storage/store.ts';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from '../support/postgres.ts';

export const T0 = '2026-03-02T08:00:00.000Z';
/** `h` hours after T0. */
export const at = (hours: number): string => new Date(Date.parse(T0) + hours * 3600_000).toISOString();

/** A store to run service tests on; `close` also drops a PostgreSQL test schema. */
export interface TestStore {
  store: Store;
  close(): Promise<void>;
}

export async function pgliteStore(): Promise<TestStore> {
  const store = await openStore({});
  return { store, close: () => store.close() };
}

export async function postgresStore(): Promise<TestStore> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const schema: TestSchema = await createTestSchema(TEST_DATABASE_URL);
  const store = await openStore({ databaseUrl: schema.url });
  return {
    store,
    close: async () => {
      await store.close();
      await schema.drop();
    },
  };
}

/** Services over `store`; the clock is pinned to `now` when given. */
export function servicesFor(store: Store, overrides: Partial<Deps> & { at?: string } = {}): Services {
  const { at: pinned, ...rest } = overrides;
  return createServices(defaultDeps(store, pinned ? { now: () => new Date(pinned), ...rest } : rest));
}

/** A random, valid KvK identifier (0106 + 8 digits). */
export const kvk = (): string => `0106:${String(randomInt(10_000_000, 99_999_999))}`;

export const callerOf = (company: Company, role: UserRole, name = `${role} of ${company.name}`): Caller => ({
  companyId: company.id,
  role,
  actor: { companyId: company.id, companyName: company.name, userId: randomUUID(), tokenId: null, name },
});

export interface Trade {
  buyer: Company;
  seller: Company;
  /** `${identifier}` of the seller, for issueOrder. */
  sellerId: string;
  asBuyer: Caller;
  asSeller: Caller;
}

/** Two fresh companies on the node; callers are purchasing (buyer) and sales (seller) people. */
export async function trade(services: Services, label = 'T'): Promise<Trade> {
  const suffix = randomUUID().slice(0, 8);
  const buyer = await services.registerCompany({ name: `Koper ${label} ${suffix}`, identifiers: [kvk()] });
  const sellerId = kvk();
  const seller = await services.registerCompany({
    name: `Leverancier ${label} ${suffix}`,
    identifiers: [sellerId],
  });
  return {
    buyer,
    seller,
    sellerId,
    asBuyer: callerOf(buyer, 'purchasing', 'Petra Inkoop'),
    asSeller: callerOf(seller, 'sales', 'Sven Verkoop'),
  };
}

export function lineInput(lineId: string, overrides: Partial<NewLineInput> = {}): NewLineInput {
  return {
    lineId,
    item: { name: `Item ${lineId}`, buyerItemId: `B-${lineId}` },
    unitCode: 'C62',
    price: { amount: '12.5' },
    schedule: [{ id: '1', date: '2026-04-01', quantity: '100' }],
    ...overrides,
  };
}

export function orderInput(t: Trade, overrides: Partial<IssueOrderInput> = {}): IssueOrderInput {
  return {
    seller: t.sellerId,
    number: `PO-${randomUUID().slice(0, 8)}`,
    issueDate: '2026-03-02',
    currency: 'EUR',
    lines: [lineInput('1')],
    ...overrides,
  };
}

/** An order the seller has accepted as requested. */
export async function agreedOrder(
  services: Services,
  t: Trade,
  overrides: Partial<IssueOrderInput> = {},
): Promise<Order> {
  const order = await services.issueOrder(t.asBuyer, orderInput(t, overrides));
  return services.respondToLines(
    t.asSeller,
    order.id,
    order.lines.map((l) => ({ lineId: l.lineId, answer: 'accept' as const })),
  );
}

/** Both copies of an order, straight from the store. */
export async function copies(
  store: Store,
  t: Trade,
  orderId: string,
): Promise<{ buyer: Order; seller: Order }> {
  const buyer = await store.orders.get(t.buyer.id, orderId);
  const seller = await store.orders.get(t.seller.id, orderId);
  if (!buyer || !seller)
    throw new Error(`order ${orderId} lacks a copy (buyer ${!!buyer}, seller ${!!seller})`);
  return { buyer, seller };
}

/** A copy without what differs by owner: the rest must be identical on both sides. */
export const shared = ({ companyId: _c, role: _r, ...rest }: Order): Omit<Order, 'companyId' | 'role'> =>
  rest;

/** The error `promise` rejects with (fails when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

export async function domainRejection(promise: Promise<unknown>): Promise<DomainError> {
  const e = await rejection(promise);
  if (!(e instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(e)}`);
  return e;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
