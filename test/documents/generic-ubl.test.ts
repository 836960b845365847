// Plain UBL 2.1 documents that claim no Peppol or SCSN profile (the OASIS examples): imported where their
// content suffices, otherwise refused with a message that lists exactly what is missing or cannot apply.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import {
  adminOf,
  createDocumentNode,
  SHARED_PRESENT,
  SHARED_SKIP,
  sharedFixture,
} from './support/document-node.ts';
import { prepareNode } from './support/round-trip.ts';

const oasis = (name: string): Buffer => sharedFixture(`oasis-ubl-2.1/${name}`);

async function importExample(name: string) {
  const xml = oasis(name);
  const { node, sender } = await prepareNode(xml);
  try {
    return await node.services.importDocument(adminOf(sender!), xml);
  } finally {
    await node.close();
  }
}

async function refusalOf(name: string): Promise<DomainError> {
  try {
    await importExample(name);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error(`${name} was imported`);
}

const details = (e: DomainError): string[] =>
  ((e.details.errors ?? []) as { detail: string }[]).map((x) => x.detail);

describe.skipIf(!SHARED_PRESENT)('OASIS UBL 2.1 examples', () => {
  it.each([
    ['UBL-Order-2.1-Example.xml', 'Order', { action: 'issued', lines: 2 }],
    ['UBL-OrderChange-2.1-Example.xml', 'OrderChange', { action: 'changed', add: 0, change: 1, cancel: 0 }],
    ['UBL-OrderCancellation-2.1-Example.xml', 'OrderCancellation', { action: 'cancelled' }],
    [
      'UBL-OrderResponseSimple-2.1-Example.xml',
      'OrderResponse',
      { action: 'answered', code: 'AP', accepted: 1, rejected: 0, proposed: 0 },
    ],
  ])(
    '%s is imported (plain UBL, content suffices)',
    async (name, type, summary) => {
      const result = await importExample(name);
      expect([
        result.document.documentType,
        result.document.profile,
        result.document.status,
        result.document.summary,
      ]).toEqual([type, 'ubl', 'processed', summary]);
    },
    60_000,
  );

  it('UBL-OrderResponse-2.1-Example.xml: the line statuses NoStatus and Disputed cannot be applied', async () => {
    const e = await refusalOf('UBL-OrderResponse-2.1-Example.xml');
    expect(details(e)).toEqual([
      '/OrderResponse/cac:OrderLine[1]/cac:LineItem/cbc:LineStatusCode: line status "NoStatus" cannot be applied; Schakel applies 5 or accepted, 7 or rejected, 3 or revised',
      '/OrderResponse/cac:OrderLine[2]/cac:LineItem/cbc:LineStatusCode: line status "Disputed" cannot be applied; Schakel applies 5 or accepted, 7 or rejected, 3 or revised',
    ]);
  }, 60_000);

  it('UBL-Invoice-2.1-Example.xml: credit lines inside the invoice are matched as reductions', async () => {
    const result = await importExample('UBL-Invoice-2.1-Example.xml');
    // Lines 2 and 4 credit one piece each on order lines that nothing was invoiced on before: the buyer decides.
    expect([result.document.status, result.document.summary.action, result.document.summary.match]).toEqual([
      'processed',
      'invoiced',
      'mismatch',
    ]);
  }, 60_000);

  it('UBL-Invoice-2.1-Example-Trivial.xml: everything the three-way match needs is named as missing', async () => {
    // (Its line has no order line reference, which is fine: the line would be matched by its item.)
    // Its parties carry names only, so no company can be recognised as the sender: any company may try.
    const node = await createDocumentNode();
    try {
      const someone = await node.services.registerCompany({
        name: 'Custom Cotter Pins',
        identifiers: ['0106:11112222'],
      });
      const e = await node.services
        .importDocument(adminOf(someone), oasis('UBL-Invoice-2.1-Example-Trivial.xml'))
        .then(
          () => null,
          (err: unknown) => err as DomainError,
        );
      expect(e?.message).toBe(
        'Invoice 123 cannot be imported: /Invoice/cbc:DocumentCurrencyCode is missing: Schakel compares the invoice with the order in one currency (and 4 more)',
      );
      expect(details(e!).map((d) => d.split(' is missing')[0])).toEqual([
        '/Invoice/cbc:DocumentCurrencyCode',
        '/Invoice/cac:AccountingSupplierParty/cac:Party/cbc:EndpointID',
        '/Invoice/cac:OrderReference/cbc:ID',
        '/Invoice/cac:InvoiceLine/cbc:InvoicedQuantity',
        '/Invoice/cac:InvoiceLine/cac:Price/cbc:PriceAmount',
      ]);
    } finally {
      await node.close();
    }
  }, 60_000);

  it.each([
    'UBL-Forecast-2.1-Example.xml',
    'UBL-Quotation-2.1-Example.xml',
    'UBL-RequestForQuotation-2.1-Example.xml',
  ])(
    '%s is a document type Schakel does not exchange',
    async (name) => {
      const node = await createDocumentNode();
      try {
        const someone = await node.services.registerCompany({ name: 'X', identifiers: ['0106:11112222'] });
        const e = await node.services.importDocument(adminOf(someone), oasis(name)).then(
          () => null,
          (err: unknown) => err as DomainError,
        );
        const root = name.replace('UBL-', '').replace('-2.1-Example.xml', '');
        expect(e?.message).toMatch(
          new RegExp(`^UBL ${root} documents are not exchanged by Schakel; it reads Order, OrderResponse, `),
        );
      } finally {
        await node.close();
      }
    },
    60_000,
  );
});

if (!SHARED_PRESENT) {
  describe('OASIS UBL 2.1 examples', () => {
    it.skip(SHARED_SKIP, () => undefined);
  });
}
