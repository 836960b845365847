// Document import on PostgreSQL (when TEST_DATABASE_URL is set): real concurrency between two imports of
// the same document, the original bytes through bytea, and an order's documents through uuid[].
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Company } from '../../../src/domain/company-types.ts';
import { createServices, defaultDeps, type Services } from '../../../src/app/node.ts';
import { openStore, type Store } from '../../../src/storage/store.ts';
import {
  createTestSchema,
  TEST_DATABASE_URL,
  warnPostgresSkipped,
  type TestSchema,
} from '../../support/postgres.ts';
import { adminOf, fixture } from '../../documents/support/document-node.ts';

warnPostgresSkipped('documents on PostgreSQL');

describe.skipIf(!TEST_DATABASE_URL)('documents on PostgreSQL', () => {
  let schema: TestSchema;
  let store: Store;
  let services: Services;
  let buyer: Company;

  beforeAll(async () => {
    schema = await createTestSchema(TEST_DATABASE_URL!);
    store = await openStore({ databaseUrl: schema.url });
    services = createServices(defaultDeps(store));
    buyer = await services.registerCompany({
      name: 'Machinefabriek Noord BV',
      identifiers: ['0088:8712345678906'],
      country: 'NL',
    });
    await services.registerCompany({
      name: 'Draaierij Zuid BV',
      identifiers: ['0106:12345678'],
      country: 'NL',
    });
  });
  afterAll(async () => {
    await store?.close();
    await schema?.drop();
  });

  it('stores a document posted twice at the same moment once; the second gets the first result', async () => {
    const results = await Promise.all(
      [1, 2, 3].map(() => services.importDocument(adminOf(buyer), fixture('peppol-order.xml'))),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.document.id)).size).toBe(1);
    const id = results[0]!.document.orderIds[0]!;
    expect((await services.listOrderDocuments(adminOf(buyer), id)).map((d) => d.documentType)).toEqual([
      'Order',
    ]);
    const bytes = await services.getDocumentContent(adminOf(buyer), results[0]!.document.id);
    expect(Buffer.compare(Buffer.from(bytes), fixture('peppol-order.xml'))).toBe(0);
  });
});
