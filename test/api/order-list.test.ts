// GET /orders: cursor pagination over more orders than one page, and the filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderPageJson, OrderSummaryJson } from './api-types.ts';
import { acceptAll, call, createApiFixture, issue, type ApiFixture } from './api-fixture.ts';

let f: ApiFixture;
const ids: string[] = [];
let lateId: string;

beforeAll(async () => {
  f = await createApiFixture();
  for (let i = 1; i <= 7; i++) ids.push(await issue(f, `LIST-${i}`, { issueDate: `2026-10-0${i}` }));
  await acceptAll(f, ids[0]!);
  // Agreed for a date long past and nothing shipped: late for both sides.
  lateId = await issue(f, 'LATE-1', {
    lines: [
      {
        lineId: '1',
        item: { name: 'As 40 mm' },
        unitCode: 'C62',
        price: { amount: '3' },
        schedule: [{ date: '2025-01-10', quantity: '5' }],
      },
    ],
  });
  await acceptAll(f, lateId, ['1']);
});
afterAll(() => f.close());

const page = async (query: string, token = f.buyer.tokens.viewer): Promise<OrderPageJson> => {
  const r = await call(f.app, 'GET', `/api/v1/orders${query}`, { token });
  if (r.statusCode !== 200) throw new Error(`${query}: ${r.statusCode} ${r.body}`);
  return r.json<OrderPageJson>();
};
const numbers = (items: OrderSummaryJson[]): string[] => items.map((o) => o.number).sort();

describe('GET /orders', () => {
  it('pages through every order exactly once, newest first, with a cursor', async () => {
    const seen: OrderSummaryJson[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const p: OrderPageJson = await page(`?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(p.items.length).toBeLessThanOrEqual(3);
      seen.push(...p.items);
      cursor = p.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((o) => o.id).sort()).toEqual([...ids, lateId].sort());
    expect(new Set(seen.map((o) => o.id)).size).toBe(8);
    const created = seen.map((o) => o.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('summarises each order for the caller’s side', async () => {
    const [first] = (await page('?q=LIST-1')).items;
    expect(first).toMatchObject({
      id: ids[0],
      role: 'buyer',
      status: 'agreed',
      partner: { companyId: f.seller.company.id, name: 'Draaierij Zuid BV' },
      lineCount: 2,
      version: 2,
      late: false,
    });
    const [sellerSide] = (await page('?q=LIST-1', f.seller.tokens.viewer)).items;
    expect(sellerSide).toMatchObject({ role: 'seller', partner: { companyId: f.buyer.company.id } });
  });

  it('filters by status (comma list) and reports counts per status', async () => {
    const agreed = await page('?status=agreed');
    expect(numbers(agreed.items)).toEqual(['LATE-1', 'LIST-1']);
    expect(agreed.counts).toEqual({ issued: 6, agreed: 2 });
    const both = await page('?status=issued,agreed&limit=100');
    expect(both.items).toHaveLength(8);
    expect((await page('?status=cancelled')).items).toEqual([]);
  });

  it('filters late orders', async () => {
    const late = await page('?late=true');
    expect(late.items.map((o) => o.id)).toEqual([lateId]);
    expect(late.items[0]).toMatchObject({ late: true, nextDueDate: '2025-01-10' });
    expect((await page('?late=true', f.seller.tokens.viewer)).items.map((o) => o.id)).toEqual([lateId]);
    expect((await page('?late=false&limit=100')).items).toHaveLength(8);
  });

  it('searches order number and partner name', async () => {
    expect(numbers((await page('?q=LIST-7')).items)).toEqual(['LIST-7']);
    expect((await page('?q=list-&limit=100')).items).toHaveLength(7);
    expect((await page('?q=zuid&limit=100')).items).toHaveLength(8);
    expect((await page('?q=%25')).items).toEqual([]); // a literal %, not a wildcard
  });

  it('filters by role (also as purchase/sales), partner and issue date', async () => {
    expect((await page('?role=purchase&limit=100')).items).toHaveLength(8);
    expect((await page('?role=buyer&limit=100')).items).toHaveLength(8);
    expect((await page('?role=sales')).items).toEqual([]);
    expect((await page('?role=seller&limit=100', f.seller.tokens.viewer)).items).toHaveLength(8);
    expect((await page(`?partner=${f.seller.company.id}&limit=100`)).items).toHaveLength(8);
    expect((await page(`?partner=${f.outsider.company.id}`)).items).toEqual([]);
    expect(numbers((await page('?from=2026-10-03&to=2026-10-05')).items)).toEqual([
      'LIST-3',
      'LIST-4',
      'LIST-5',
    ]);
  });
});
