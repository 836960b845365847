// Builders for storage tests: companies with unique identifiers, order copies with real UUIDs (the
// schema wants uuid ids) built through the domain, and history rows for them.
import { randomUUID } from 'node:crypto';
import type { Company } from '../../src/domain/company-types.ts';
import { applyOrderAction, type OrderAction } from '../../src/domain/order-actions.ts';
import {
  createOrder,
  mirrorFor,
  type NewLineInput,
  type NewOrderInput,
} from '../../src/domain/order-create.ts';
import type { Actor, NewOrderEvent, OrderEvent } from '../../src/domain/order-events.ts';
import type { Order, PartyInfo, Role } from '../../src/domain/order-types.ts';
import type { Store } from '../../src/storage/store.ts';

export const T0 = '2026-03-02T08:00:00.000Z';
/** `h` hours after T0, as an ISO timestamp. */
export const at = (hours: number): string => new Date(Date.parse(T0) + hours * 3600_000).toISOString();

let counter = 0;
/** A short unique suffix for names and identifiers. */
export const unique = (): string =>
  `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export function company(name = `Company ${unique()}`): Company {
  return {
    id: randomUUID(),
    name,
    city: 'Eindhoven',
    country: 'NL',
    identifiers: [{ scheme: '0007', value: `T${unique()}`, primary: true }],
  };
}

/** Inserts `n` new companies and returns them. */
export async function companies(store: Store, ...names: string[]): Promise<Company[]> {
  const out: Company[] = [];
  for (const name of names) {
    const c = company(`${name} ${unique()}`);
    await store.companies.insert(c);
    out.push(c);
  }
  return out;
}

export const party = (c: Company): PartyInfo => ({
  companyId: c.id,
  name: c.name,
  identifier: `${c.identifiers[0]!.scheme}:${c.identifiers[0]!.value}`,
});

export function line(lineId: string, overrides: Partial<NewLineInput> = {}): NewLineInput {
  return {
    lineId,
    item: { name: `Item ${lineId}`, buyerItemId: `B-${lineId}` },
    unitCode: 'C62',
    price: { amount: '12.5' },
    schedule: [{ id: '1', date: '2026-04-01', quantity: '100' }],
    ...overrides,
  };
}

export interface OrderSpec extends Partial<Omit<NewOrderInput, 'lines'>> {
  lines?: NewLineInput[];
  createdAt?: string;
  id?: string;
}

/** The buyer's copy of a new order from `buyer` to `seller` (domain-built, so it is valid). */
export function buyerCopy(
  buyer: Company,
  seller: Company,
  spec: OrderSpec = {},
): { order: Order; events: NewOrderEvent[] } {
  const { lines = [line('1')], createdAt = T0, id = randomUUID(), ...header } = spec;
  return createOrder(
    { number: `PO-${unique()}`, issueDate: '2026-03-02', currency: 'EUR', lines, ...header },
    { orderId: id, buyer: party(buyer), seller: party(seller) },
    createdAt,
  );
}

export const sellerCopy = (order: Order): Order => mirrorFor(order, 'seller');

export const actor = (c: Company, name = 'Anna de Vries'): Actor => ({
  companyId: c.id,
  companyName: c.name,
  userId: randomUUID(),
  tokenId: null,
  name,
});

/** History rows for one copy. */
export function history(
  order: Order,
  events: NewOrderEvent[],
  by: Actor,
  when = order.updatedAt,
): OrderEvent[] {
  return events.map((e) => ({
    ...e,
    id: randomUUID(),
    orderId: order.id,
    at: when,
    actor: by,
    documentId: null,
  }));
}

/** Applies a domain action to a copy (as the party `role`). */
export function acted(order: Order, action: OrderAction, role: Role, now = at(1)) {
  return applyOrderAction(order, action, role, now);
}

export const acceptAll = (order: Order): OrderAction => ({
  type: 'respond',
  answers: order.lines.map((l) => ({ lineId: l.lineId, answer: 'accept' as const })),
});

/** Inserts a buyer's copy (and nothing else) and returns it. */
export async function insertBuyerCopy(
  store: Store,
  buyer: Company,
  seller: Company,
  spec: OrderSpec = {},
): Promise<Order> {
  const { order, events } = buyerCopy(buyer, seller, spec);
  await store.orders.insert(order, history(order, events, actor(buyer)));
  return order;
}

/** Row count of a table for one company (raw SQL; tests only). */
export async function countRows(store: Store, table: string, companyId: string): Promise<number> {
  const r = await store.database.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE company_id = $1`,
    [companyId],
  );
  return r.rows[0]!.n;
}
