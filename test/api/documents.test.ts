// The documents API: POST a UBL document as the sending company (201, 200 for the same document again,
// 409 for another document under a used ID, 403 for a company that is not the sender, 422 with the
// validator's findings), read its record and its original bytes, list an order's documents, export an
// order as UBL; every foreign id is 404, exactly like a missing one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { validateDocument } from '../../src/documents/validate-document.ts';
import { createApiFixture, problemOf, type ApiFixture } from './api-fixture.ts';
import { fixture } from '../documents/support/document-node.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(() => f.close());

function post(
  token: string | undefined,
  body: Buffer | string,
  contentType = 'application/xml',
): Promise<LightMyRequestResponse> {
  return f.app.inject({
    method: 'POST',
    url: '/api/v1/documents',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': contentType },
    payload: body,
  });
}

const get = (token: string, url: string) =>
  f.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

interface DocumentBody {
  id: string;
  documentType: string;
  orderId: string | null;
  status: string;
  direction: string;
  number: string;
  findings: { rule: string; severity: string }[];
}

let orderDocument: DocumentBody;

describe('POST /documents', () => {
  it('201 for a new document of the sending company, with the order it created', async () => {
    const r = await post(f.buyer.tokens.purchasing, fixture('peppol-order.xml'));
    expect(r.statusCode).toBe(201);
    orderDocument = r.json<DocumentBody>();
    expect(orderDocument).toMatchObject({
      documentType: 'Order',
      status: 'processed',
      direction: 'sent',
      number: 'PO-2026-0042',
    });
    expect(orderDocument.orderId).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.location).toBe(`/api/v1/documents/${orderDocument.id}`);
    const order = await get(f.seller.tokens.sales, `/api/v1/orders/${orderDocument.orderId}`);
    expect(order.json<{ number: string; lines: unknown[] }>()).toMatchObject({
      number: 'PO-2026-0042',
      lines: [{}, {}],
    });
  });

  it('200 with the first result for the same document again; nothing changes', async () => {
    const before = await get(f.buyer.tokens.viewer, `/api/v1/orders/${orderDocument.orderId}`);
    const r = await post(f.buyer.tokens.purchasing, fixture('peppol-order.xml'));
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual(orderDocument);
    const after = await get(f.buyer.tokens.viewer, `/api/v1/orders/${orderDocument.orderId}`);
    expect(after.headers.etag).toBe(before.headers.etag);
  });

  it('409 for another document under a used ID', async () => {
    const changed = fixture('peppol-order.xml').toString().replace('gate 3', 'gate 5');
    const r = await post(f.buyer.tokens.purchasing, changed);
    expect(r.statusCode).toBe(409);
    expect(problemOf(r)).toMatchObject({ code: 'conflict', existingDocumentId: orderDocument.id });
  });

  it('403 naming the mismatch when the company is not the sending party', async () => {
    const r = await post(f.outsider.tokens.admin, fixture('peppol-order-response.xml'));
    expect(r.statusCode).toBe(403);
    const p = problemOf(r);
    expect(p.detail).toBe(
      'only the seller sends an OrderResponse: the seller (cac:SellerSupplierParty) "Draaierij Zuid BV" is EndpointID 0106:12345678, but you are Concurrent Oost BV (0106:87654321)',
    );
    expect(p.field).toBe('/OrderResponse/cac:SellerSupplierParty/cac:Party');
    // The right company with a role that may not sell is refused too.
    expect((await post(f.seller.tokens.purchasing, fixture('peppol-order-response.xml'))).statusCode).toBe(
      403,
    );
  });

  it('422 with the validator findings; the rejected record can be read, nothing else is stored', async () => {
    const r = await post(f.buyer.tokens.purchasing, fixture('peppol-order-invalid.xml'));
    expect(r.statusCode).toBe(422);
    const p = problemOf(r);
    expect(p.code).toBe('validation_failed');
    expect(p.findings).toEqual([
      expect.objectContaining({
        rule: 'PEPPOL-T01-R003',
        severity: 'fatal',
        location: '/Order/cac:OrderLine[1]/cac:LineItem/cac:Price/cbc:PriceAmount',
        line: 88,
      }),
    ]);
    const record = await get(f.buyer.tokens.viewer, `/api/v1/documents/${String(p.documentId)}`);
    expect(record.json<DocumentBody>()).toMatchObject({
      status: 'rejected',
      orderId: null,
      findings: [{ rule: 'PEPPOL-T01-R003' }],
    });
    const orders = await get(f.buyer.tokens.viewer, '/api/v1/orders?q=PO-2026-0043');
    expect(orders.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('422 naming what a document lacks', async () => {
    // A plain UBL order (no Peppol rules apply) without any price.
    const noPrice = fixture('peppol-order.xml')
      .toString()
      .replace('PO-2026-0042', 'PO-2026-0044')
      .replace(/<cbc:(CustomizationID|ProfileID)>.*<\/cbc:\1>/g, '')
      .replace(/<cac:Price>[\s\S]*?<\/cac:Price>/g, '');
    const r = await post(f.buyer.tokens.purchasing, noPrice);
    expect(r.statusCode).toBe(422);
    const p = problemOf(r);
    expect(p.detail).toMatch(
      /^Order PO-2026-0044 cannot be imported: \/Order\/cac:OrderLine\[1\]\/cac:LineItem\/cac:Price\/cbc:PriceAmount is missing/,
    );
    expect(p.errors).toHaveLength(2);
  });

  it('415 for anything but XML, 401 without credentials', async () => {
    const r = await post(f.buyer.tokens.purchasing, JSON.stringify({ order: 1 }), 'application/json');
    expect(r.statusCode).toBe(415);
    expect(problemOf(r).detail).toBe('send the document as application/xml: a UBL 2.x document in UTF-8');
    expect((await post(undefined, fixture('peppol-order.xml'))).statusCode).toBe(401);
  });

  it('accepts text/xml and application/*+xml as well', async () => {
    const r = await post(
      f.seller.tokens.sales,
      fixture('peppol-order-response.xml'),
      'text/xml; charset=utf-8',
    );
    expect(r.statusCode).toBe(201);
    expect(r.json<DocumentBody>()).toMatchObject({
      documentType: 'OrderResponse',
      orderId: orderDocument.orderId,
    });
  });
});

describe('reading documents', () => {
  it('GET /documents/{id}/content returns the original bytes exactly', async () => {
    // CRLF line ends, a comment and trailing spaces: nothing may be normalised on the way.
    const bytes = Buffer.from(
      fixture('peppol-mlr.xml')
        .toString()
        .replace(/\n/g, '\r\n')
        .replace('<cbc:ID>MLR', '<!-- keep me -->  <cbc:ID>MLR') + '  \r\n',
    );
    const r = await post(f.seller.tokens.sales, bytes);
    expect(r.statusCode).toBe(201);
    const id = r.json<DocumentBody>().id;
    const content = await get(f.seller.tokens.viewer, `/api/v1/documents/${id}/content`);
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toMatch(/^application\/xml/);
    expect(Buffer.compare(content.rawPayload, bytes)).toBe(0);
    // The seller's node sent it to the buyer, who keeps its own record of the same bytes.
    const listed = await get(f.buyer.tokens.viewer, `/api/v1/orders/${orderDocument.orderId}/documents`);
    const received = listed
      .json<{ items: DocumentBody[] }>()
      .items.find((d) => d.documentType === 'MessageLevelResponse' && d.direction === 'received');
    expect(received).toBeDefined();
    expect(received!.id).not.toBe(id);
    const theirs = await get(f.buyer.tokens.viewer, `/api/v1/documents/${received!.id}/content`);
    expect(Buffer.compare(theirs.rawPayload, bytes)).toBe(0);
    const meta = await get(f.buyer.tokens.viewer, `/api/v1/documents/${received!.id}`);
    expect(meta.json<DocumentBody & { sha256: string; byteSize: number }>()).toMatchObject({
      direction: 'received',
      byteSize: bytes.length,
      status: 'recorded',
    });
    // The buyer's Order document now carries the seller's technical acknowledgement.
    const order = await get(f.buyer.tokens.viewer, `/api/v1/documents/${orderDocument.id}`);
    expect(order.json<{ partnerResponse: unknown }>().partnerResponse).toMatchObject({
      code: 'AP',
      documentId: received!.id,
    });
  });

  it('GET /orders/{id}/documents lists the documents of the order, oldest first, for each side', async () => {
    const mine = await get(f.buyer.tokens.viewer, `/api/v1/orders/${orderDocument.orderId}/documents`);
    expect(
      mine.json<{ items: DocumentBody[] }>().items.map((d) => `${d.documentType}:${d.direction}`),
    ).toEqual(['Order:sent', 'OrderResponse:received', 'MessageLevelResponse:received']);
    const history = await get(f.buyer.tokens.viewer, `/api/v1/orders/${orderDocument.orderId}/history`);
    expect(history.json<{ items: { type: string; documentId: string | null }[] }>().items[0]).toMatchObject({
      type: 'order.issued',
      documentId: orderDocument.id,
    });
  });

  it('foreign and unknown ids are 404, exactly like missing ones (tenant isolation)', async () => {
    const token = f.outsider.tokens.admin;
    for (const url of [
      `/api/v1/documents/${orderDocument.id}`,
      `/api/v1/documents/${orderDocument.id}/content`,
      `/api/v1/documents/${orderDocument.id}/response`,
      `/api/v1/orders/${orderDocument.orderId}/documents`,
      `/api/v1/orders/${orderDocument.orderId}/ubl?type=Order`,
      '/api/v1/documents/00000000-0000-4000-8000-000000000000',
      '/api/v1/documents/not-a-uuid/content',
    ]) {
      const r = await get(token, url);
      expect(r.statusCode, url).toBe(404);
      expect(problemOf(r).code).toBe('not_found');
    }
  });

  it('GET /documents/{id}/response writes a message level response about the document', async () => {
    // The seller answers its own record of the buyer's Order (received through its inbox).
    const listed = await get(f.seller.tokens.viewer, `/api/v1/orders/${orderDocument.orderId}/documents`);
    const theirOrder = listed
      .json<{ items: DocumentBody[] }>()
      .items.find((d) => d.documentType === 'Order' && d.direction === 'received');
    expect(theirOrder).toBeDefined();
    const r = await get(f.seller.tokens.viewer, `/api/v1/documents/${theirOrder!.id}/response`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('<cbc:ResponseCode>AP</cbc:ResponseCode>');
    expect(validateDocument(r.rawPayload).valid).toBe(true);
  });
});

describe('GET /orders/{id}/ubl', () => {
  it('exports the current state as a valid UBL document, as an attachment', async () => {
    const r = await get(f.buyer.tokens.viewer, `/api/v1/orders/${orderDocument.orderId}/ubl?type=Order`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/xml/);
    expect(r.headers['content-disposition']).toBe('attachment; filename="Order-PO-2026-0042.xml"');
    const v = validateDocument(r.rawPayload);
    expect([v.profile, v.valid]).toEqual(['peppol-t01', true]);
    const scsn = await get(
      f.buyer.tokens.viewer,
      `/api/v1/orders/${orderDocument.orderId}/ubl?type=Order&profile=scsn`,
    );
    expect(scsn.body).toContain('urn:fdc:smart-connected.nl:scsn:order:1');
  });

  it('400 for an unknown type, 409 when the state has nothing of that type to say', async () => {
    const bad = await get(
      f.buyer.tokens.viewer,
      `/api/v1/orders/${orderDocument.orderId}/ubl?type=Quotation`,
    );
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).field).toBe('type');
    const none = await get(
      f.buyer.tokens.viewer,
      `/api/v1/orders/${orderDocument.orderId}/ubl?type=ReceiptAdvice`,
    );
    expect(none.statusCode).toBe(409);
    expect(problemOf(none).detail).toBe('nothing of order PO-2026-0042 has been received yet');
  });
});

describe('limits and documentation', () => {
  it('413 beyond the configured document size', async () => {
    process.env.SCHAKEL_DOCUMENT_LIMIT_BYTES = '2000';
    const small = await createApiFixture();
    delete process.env.SCHAKEL_DOCUMENT_LIMIT_BYTES;
    try {
      const r = await small.app.inject({
        method: 'POST',
        url: '/api/v1/documents',
        headers: {
          authorization: `Bearer ${small.buyer.tokens.purchasing}`,
          'content-type': 'application/xml',
        },
        payload: fixture('peppol-order.xml'),
      });
      expect(r.statusCode).toBe(413);
      expect(problemOf(r).detail).toBe('the body exceeds the limit of 2000 bytes');
    } finally {
      await small.close();
    }
  });

  it('the OpenAPI document describes the document routes', async () => {
    const doc = (await f.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, Record<string, { operationId: string }>>;
    }>();
    expect(doc.paths['/api/v1/documents']!.post!.operationId).toBe('importDocument');
    expect(doc.paths['/api/v1/documents/{id}']!.get!.operationId).toBe('getDocument');
    expect(doc.paths['/api/v1/documents/{id}/content']!.get!.operationId).toBe('getDocumentContent');
    expect(doc.paths['/api/v1/orders/{id}/documents']!.get!.operationId).toBe('listOrderDocuments');
    expect(doc.paths['/api/v1/orders/{id}/ubl']!.get!.operationId).toBe('exportOrderDocument');
  });
});
