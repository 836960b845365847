// POST /documents/validate: the validator's verdict on a document without sending it — 200 with the
// findings (in Dutch and English) whether valid or not, nothing stored, and the same XML-only and size
// rules as POST /documents. It is in the OpenAPI document with its result schema.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiFixture, problemOf, type ApiFixture } from './api-fixture.ts';
import { fixture } from '../documents/support/document-node.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(() => f.close());

function check(token: string | undefined, body: Buffer | string, contentType = 'application/xml') {
  return f.app.inject({
    method: 'POST',
    url: '/api/v1/documents/validate',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': contentType },
    payload: body,
  });
}

interface Verdict {
  documentType: string;
  profile: string | null;
  valid: boolean;
  findings: { rule: string; severity: string; location: string; line: number | null; message: unknown }[];
}

const ordersNamed = async (number: string): Promise<unknown[]> =>
  (
    await f.app.inject({
      method: 'GET',
      url: `/api/v1/orders?q=${number}`,
      headers: { authorization: `Bearer ${f.buyer.tokens.viewer}` },
    })
  ).json<{ items: unknown[] }>().items;

describe('POST /documents/validate', () => {
  it('200 valid for a correct order; no order is created', async () => {
    const r: LightMyRequestResponse = await check(f.buyer.tokens.viewer, fixture('peppol-order.xml'));
    expect(r.statusCode).toBe(200);
    const v = r.json<Verdict>();
    expect(v).toMatchObject({ documentType: 'Order', profile: 'peppol-t01', valid: true });
    expect(v.findings.filter((x) => x.severity === 'fatal')).toEqual([]);
    expect(await ordersNamed('PO-2026-0042')).toEqual([]);
  });

  it('200 with the fatal findings in both languages for an invalid order; nothing is stored', async () => {
    const r = await check(f.buyer.tokens.viewer, fixture('peppol-order-invalid.xml'));
    expect(r.statusCode).toBe(200);
    const v = r.json<Verdict>();
    expect(v.valid).toBe(false);
    expect(v.findings).toEqual([
      expect.objectContaining({
        rule: 'PEPPOL-T01-R003',
        severity: 'fatal',
        location: '/Order/cac:OrderLine[1]/cac:LineItem/cac:Price/cbc:PriceAmount',
        line: 88,
        message: { nl: expect.stringMatching(/\S/), en: expect.stringMatching(/\S/) },
      }),
    ]);
    const [finding] = v.findings as { message: { nl: string; en: string } }[];
    expect(finding!.message.nl).not.toBe(finding!.message.en);
    expect(await ordersNamed('PO-2026-0043')).toEqual([]);
  });

  it('200 with an unreadable-file finding for a body that is not well-formed XML', async () => {
    const r = await check(f.buyer.tokens.viewer, '<Order><cbc:ID>1</Order>');
    expect(r.statusCode).toBe(200);
    expect(r.json<Verdict>()).toMatchObject({
      documentType: 'unknown',
      profile: null,
      valid: false,
      findings: [{ rule: 'SCHAKEL-XML-001', severity: 'fatal' }],
    });
  });

  it('415 for a body that is not sent as XML, 401 without credentials', async () => {
    const r = await check(f.buyer.tokens.viewer, '{"a":1}', 'application/json');
    expect(r.statusCode).toBe(415);
    expect(problemOf(r).code).toBe('unsupported_media_type');
    expect((await check(undefined, fixture('peppol-order.xml'))).statusCode).toBe(401);
  });

  it('is described in the OpenAPI document with its result schema', async () => {
    const r = await f.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const doc = r.json<{
      paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    }>();
    const op = doc.paths['/api/v1/documents/validate']?.post;
    expect(op?.operationId).toBe('validateDocument');
    expect(Object.keys(op!.responses)).toEqual(expect.arrayContaining(['200', '401', '413', '415']));
    expect(Object.keys(doc.components.schemas.ValidationResult?.properties ?? {})).toEqual([
      'documentType',
      'profile',
      'valid',
      'findings',
    ]);
  });
});
