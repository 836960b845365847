// A node with three companies for API tests: a buyer, a seller and an outsider that trades with neither.
// Each company has an admin user (for cookie logins) and one API token per role.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../../src/api/app.ts';
import type { ProblemDetails } from '../../src/api/problem-details.ts';
import type { Company, UserRole } from '../../src/domain/company-types.ts';
import type { OrderView } from '../../src/domain/order-view.ts';
import { createServices, defaultDeps, type Services } from '../../src/app/node.ts';
import { openStore, type Store } from '../../src/storage/store.ts';

export const PASSWORD = 'correct horse battery staple';

/** Primary identifiers of the three companies (a GLN and two KvK numbers). */
export const BUYER_ID = '0088:8712345678906';
export const SELLER_ID = '0106:12345678';
export const OUTSIDER_ID = '0106:87654321';

export interface CompanyFixture {
  company: Company;
  /** Primary identifier scheme:value. */
  identifier: string;
  adminEmail: string;
  /** One API token per role. */
  tokens: Record<UserRole, string>;
}

export interface ApiFixture {
  app: FastifyInstance;
  services: Services;
  store: Store;
  buyer: CompanyFixture;
  seller: CompanyFixture;
  outsider: CompanyFixture;
  close(): Promise<void>;
}

const ROLES: UserRole[] = ['admin', 'purchasing', 'sales', 'viewer'];

async function company(
  services: Services,
  name: string,
  identifier: string,
  slug: string,
): Promise<CompanyFixture> {
  const c = await services.registerCompany({
    name,
    identifiers: [identifier],
    city: 'Eindhoven',
    country: 'NL',
  });
  const adminEmail = `admin@${slug}.example`;
  await services.addUser({
    companyId: c.id,
    email: adminEmail,
    name: `Admin ${name}`,
    role: 'admin',
    password: PASSWORD,
  });
  const tokens = {} as Record<UserRole, string>;
  for (const role of ROLES)
    tokens[role] = (await services.createApiToken(c.id, { name: `${role} token`, role })).token;
  return { company: c, identifier, adminEmail, tokens };
}

/** Opens an in-memory store, registers the three companies and builds the app. */
export async function createApiFixture(options: AppOptions = {}): Promise<ApiFixture> {
  const store = await openStore({});
  const services = createServices(defaultDeps(store));
  const buyer = await company(services, 'Machinefabriek Noord BV', BUYER_ID, 'noord');
  const seller = await company(services, 'Draaierij Zuid BV', SELLER_ID, 'zuid');
  const outsider = await company(services, 'Concurrent Oost BV', OUTSIDER_ID, 'oost');
  const app = await buildApp(services, options);
  return {
    app,
    services,
    store,
    buyer,
    seller,
    outsider,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Injects a request; `body` is sent as JSON (a string is sent as-is, for malformed-JSON tests). */
export function call(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  { token, body, headers = {} }: CallOptions = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
}

/** A valid issue-order body: two lines (ids 1 and 2) of 100 pieces at 12.50, delivered 2027-04-01. */
export function orderBody(seller: string, number: string, overrides: Record<string, unknown> = {}) {
  const lines = [1, 2].map((n) => ({
    lineId: String(n),
    item: { buyerItemId: `VD-${n}`, name: `Beugel type ${n}` },
    unitCode: 'C62',
    price: { amount: '12.50' },
    schedule: [{ date: '2027-04-01', quantity: '100' }],
  }));
  return { seller, number, issueDate: '2026-11-22', currency: 'EUR', lines, ...overrides };
}

/** Issues an order as the buyer's purchasing token and returns its id (fails loudly otherwise). */
export async function issue(
  f: ApiFixture,
  number: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const r = await call(f.app, 'POST', '/api/v1/orders', {
    token: f.buyer.tokens.purchasing,
    body: orderBody(f.seller.identifier, number, overrides),
  });
  if (r.statusCode !== 201) throw new Error(`issue ${number} failed: ${r.statusCode} ${r.body}`);
  return r.json<{ id: string }>().id;
}

/** The order view in a response (fails when the response is not one). */
export function orderOf(r: LightMyRequestResponse): OrderView {
  if (r.statusCode >= 300) throw new Error(`expected an order, got ${r.statusCode} ${r.body}`);
  return r.json<OrderView>();
}

/** The problem in an error response, after checking its media type. */
export function problemOf(r: LightMyRequestResponse): ProblemDetails {
  if (!String(r.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`expected application/problem+json, got ${String(r.headers['content-type'])}: ${r.body}`);
  }
  return r.json<ProblemDetails>();
}

/** Reads an order as `token` and returns it with its ETag. */
export async function getOrder(
  f: ApiFixture,
  token: string,
  id: string,
): Promise<{ order: OrderView; etag: string }> {
  const r = await call(f.app, 'GET', `/api/v1/orders/${id}`, { token });
  return { order: orderOf(r), etag: String(r.headers.etag) };
}

/** The seller accepts every line of an order as requested. */
export async function acceptAll(
  f: ApiFixture,
  id: string,
  lineIds: string[] = ['1', '2'],
): Promise<OrderView> {
  const r = await call(f.app, 'POST', `/api/v1/orders/${id}/respond`, {
    token: f.seller.tokens.sales,
    body: { answers: lineIds.map((lineId) => ({ lineId, answer: 'accept' })) },
  });
  return orderOf(r);
}
