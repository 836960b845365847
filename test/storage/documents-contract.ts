// The documents repository's part of the storage contract: the same cases on every store (PGlite in
// memory and in a data directory, PostgreSQL). Called from describeStoreContract.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import type { DocumentRecord } from '../../src/storage/documents-repository.ts';
import type { Store } from '../../src/storage/store.ts';
import { actor, buyerCopy, company, history, sellerCopy } from './fixtures.ts';

type NewRecord = Omit<DocumentRecord, 'byteSize'>;

function record(companyId: string, overrides: Partial<NewRecord> = {}): NewRecord {
  return {
    id: randomUUID(),
    companyId,
    direction: 'sent',
    partnerCompanyId: null,
    documentType: 'Order',
    profile: 'peppol-t01',
    customizationId: 'urn:fdc:peppol.eu:poacc:trns:order:3',
    number: `PO-${randomUUID().slice(0, 8)}`,
    revision: '',
    issueDate: '2026-03-02',
    status: 'processed',
    sha256: 'a'.repeat(64),
    orderIds: [],
    findings: [],
    summary: { action: 'issued' },
    partnerResponse: null,
    actor: null,
    createdAt: '2026-03-02T08:00:00.000Z',
    ...overrides,
  };
}

/** Bytes a text layer would be tempted to change: a BOM, CRLF, NUL-free binary-ish UTF-8 and trailing spaces. */
const BYTES = Buffer.concat([
  Buffer.from([0xef, 0xbb, 0xbf]),
  Buffer.from('<Order>\r\n  Ø€ \u00a0 </Order>  \r\n', 'utf8'),
]);

async function conflictOf(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a conflict');
}

export function describeDocumentsContract(store: () => Store): void {
  describe('documents', () => {
    it('keeps the original bytes exactly and the record of each company copy', async () => {
      const [a, b] = [company(), company()];
      await store().companies.insert(a);
      await store().companies.insert(b);
      const sent = record(a.id, { partnerCompanyId: b.id, findings: [{ rule: 'X', severity: 'warning' }] });
      await store().documents.insertContent(sent.id, 'f'.repeat(64), BYTES);
      await store().documents.insert(sent);
      await store().documents.insert({
        ...sent,
        companyId: b.id,
        direction: 'received',
        partnerCompanyId: a.id,
      });
      expect(await store().documents.get(a.id, sent.id)).toEqual({ ...sent, byteSize: BYTES.length });
      expect((await store().documents.get(b.id, sent.id))!.direction).toBe('received');
      const content = await store().documents.content(a.id, sent.id);
      expect(Buffer.compare(Buffer.from(content!), BYTES)).toBe(0);
      expect(Buffer.compare(Buffer.from((await store().documents.content(b.id, sent.id))!), BYTES)).toBe(0);
    });

    it('shows a document only to the companies that hold a copy, and treats a malformed id as unknown', async () => {
      const [a, other] = [company(), company()];
      await store().companies.insert(a);
      await store().companies.insert(other);
      const r = record(a.id);
      await store().documents.insertContent(r.id, r.sha256, BYTES);
      await store().documents.insert(r);
      expect(await store().documents.get(other.id, r.id)).toBeNull();
      expect(await store().documents.content(other.id, r.id)).toBeNull();
      expect(await store().documents.get(a.id, 'not-a-uuid')).toBeNull();
      expect(await store().documents.content(a.id, "x' OR '1'='1")).toBeNull();
    });

    it('stores a document and its bytes in one statement, or neither on a conflict', async () => {
      const a = company();
      await store().companies.insert(a);
      const first = record(a.id);
      await store().documents.insertWithContent(first, BYTES);
      expect(await store().documents.get(a.id, first.id)).toEqual({ ...first, byteSize: BYTES.length });
      expect(Buffer.compare(Buffer.from((await store().documents.content(a.id, first.id))!), BYTES)).toBe(0);
      const again = record(a.id, { number: first.number });
      const e = await conflictOf(store().documents.insertWithContent(again, BYTES));
      expect(e.message).toBe(`Order ${first.number} was already received from this sender`);
      expect(await store().documents.contentById(again.id)).toBeNull();
    });

    it('allows one sent document per type and ID (a refused one does not count; a revision is another document)', async () => {
      const a = company();
      await store().companies.insert(a);
      const first = record(a.id);
      await store().documents.insertContent(first.id, first.sha256, BYTES);
      await store().documents.insert(first);
      expect((await store().documents.findSent(a.id, 'Order', first.number))!.id).toBe(first.id);
      const again = record(a.id, { number: first.number });
      await store().documents.insertContent(again.id, again.sha256, BYTES);
      const e = await conflictOf(store().documents.insert(again));
      expect([e.code, e.message]).toEqual([
        'conflict',
        `Order ${first.number} was already received from this sender`,
      ]);
      // The same ID as another type, as a rejected record, or as another revision is fine.
      for (const ok of [
        record(a.id, { number: first.number, documentType: 'OrderChange' }),
        record(a.id, { number: first.number, status: 'rejected', sha256: 'b'.repeat(64) }),
        record(a.id, { number: first.number, revision: 'c'.repeat(64) }),
      ]) {
        await store().documents.insertContent(ok.id, ok.sha256, BYTES);
        await store().documents.insert(ok);
      }
      expect(
        (await store().documents.findRejected(a.id, 'Order', first.number, 'b'.repeat(64)))!.status,
      ).toBe('rejected');
      expect(await store().documents.findRejected(a.id, 'Order', first.number, 'a'.repeat(64))).toBeNull();
      expect((await store().documents.findSent(a.id, 'Order', first.number, 'c'.repeat(64)))!.revision).toBe(
        'c'.repeat(64),
      );
    });

    it('serialises two transactions that lock the same sent document: the second sees the row of the first', async () => {
      const a = company();
      await store().companies.insert(a);
      const r = record(a.id);
      const first = store().transaction(async (tx) => {
        await tx.documents.lockSent(a.id, 'Order', r.number);
        await new Promise((resolve) => setTimeout(resolve, 150));
        await tx.documents.insertContent(r.id, r.sha256, BYTES);
        await tx.documents.insert(r);
      });
      await new Promise((resolve) => setTimeout(resolve, 30));
      const seen = await store().transaction(async (tx) => {
        await tx.documents.lockSent(a.id, 'Order', r.number);
        return tx.documents.findSent(a.id, 'Order', r.number);
      });
      await first;
      expect(seen?.id).toBe(r.id);
    });

    it('lists the documents of an order copy in arrival order, and records a partner response on every copy', async () => {
      const [b, s] = [company(), company()];
      await store().companies.insert(b);
      await store().companies.insert(s);
      const { order, events } = buyerCopy(b, s);
      await store().orders.insert(order, history(order, events, actor(b)));
      const docs = [0, 1, 2].map(() => record(b.id, { orderIds: [order.id], partnerCompanyId: s.id }));
      for (const d of docs) {
        await store().documents.insertContent(d.id, d.sha256, BYTES);
        await store().documents.insert(d);
      }
      expect((await store().documents.listByOrder(b.id, order.id)).map((d) => d.id)).toEqual(
        docs.map((d) => d.id),
      );
      expect(await store().documents.listByOrder(s.id, order.id)).toEqual([]);
      await store().documents.insert({
        ...docs[0]!,
        companyId: s.id,
        direction: 'received',
        partnerCompanyId: b.id,
      });
      expect((await store().documents.findReceived(s.id, docs[0]!.number)).map((d) => d.id)).toEqual([
        docs[0]!.id,
      ]);
      await store().documents.setPartnerResponse(docs[0]!.id, { code: 'AP' });
      expect((await store().documents.get(b.id, docs[0]!.id))!.partnerResponse).toEqual({ code: 'AP' });
      expect((await store().documents.get(s.id, docs[0]!.id))!.partnerResponse).toEqual({ code: 'AP' });
    });

    it('finds order copies by number and role, and by one of their invoices', async () => {
      const [b, s] = [company(), company()];
      await store().companies.insert(b);
      await store().companies.insert(s);
      const { order, events } = buyerCopy(b, s);
      await store().orders.insert(order, history(order, events, actor(b)));
      const mirror = sellerCopy(order);
      await store().orders.insert(mirror, history(mirror, events, actor(b)));
      expect(await store().documents.findOrders(b.id, 'buyer', order.number)).toEqual([
        { id: order.id, partnerCompanyId: s.id },
      ]);
      expect(await store().documents.findOrders(s.id, 'seller', order.number)).toEqual([
        { id: order.id, partnerCompanyId: b.id },
      ]);
      expect(await store().documents.findOrders(s.id, 'buyer', order.number)).toEqual([]);
      expect(await store().documents.findOrdersByInvoice(s.id, 'INV-NONE')).toEqual([]);
      expect(await store().documents.despatchDate(s.id, 'D-NONE')).toBeNull();
    });
  });
}
