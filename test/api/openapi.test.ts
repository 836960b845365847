// The OpenAPI 3.1 document is generated from the zod schemas that validate requests: it lists every
// route, both security schemes, and exactly the request schema that POST /orders enforces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IssueOrderBody } from '../../src/api/schemas/order-schemas.ts';
import { call, createApiFixture, type ApiFixture } from './api-fixture.ts';

interface Operation {
  operationId?: string;
  description?: string;
  security?: unknown[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: { $ref?: string } }> }>;
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
}
interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, Operation>>;
  security: Record<string, string[]>[];
  components: { securitySchemes: Record<string, Record<string, string>>; schemas: Record<string, unknown> };
}

let f: ApiFixture;
let doc: OpenApiDoc;
beforeAll(async () => {
  f = await createApiFixture();
  const r = await call(f.app, 'GET', '/api/v1/openapi.json'); // no credentials: the document is public
  expect(r.statusCode).toBe(200);
  doc = r.json<OpenApiDoc>();
});
afterAll(() => f.close());

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with both security schemes required by default', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Schakel API');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.cookieAuth).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'schakel_session',
    });
    expect(doc.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
    expect(doc.paths['/api/v1/session']!.post!.security).toEqual([]);
    expect(doc.paths['/healthz']!.get!.security).toEqual([]);
    expect(doc.paths['/api/v1/orders']!.get!.security).toBeUndefined();
  });

  it('documents every order route and action', () => {
    const expected: [string, string][] = [
      ['/api/v1/orders', 'post'],
      ['/api/v1/orders', 'get'],
      ['/api/v1/orders/{id}', 'get'],
      ['/api/v1/orders/{id}/history', 'get'],
      ['/api/v1/orders/{id}/deliveries', 'get'],
      ['/api/v1/outbox/{id}', 'get'],
      ['/api/v1/outbox/{id}/resend', 'post'],
      ...['respond', 'decide', 'change', 'cancel', 'reopen', 'production', 'receipts', 'invoices'].map(
        (a): [string, string] => [`/api/v1/orders/{id}/${a}`, 'post'],
      ),
      ['/api/v1/orders/{id}/invoices/{invoiceId}/decision', 'post'],
      ['/api/v1/despatches', 'post'],
      ['/api/v1/tasks', 'get'],
      ['/api/v1/tokens', 'get'],
      ['/api/v1/tokens', 'post'],
      ['/api/v1/tokens/{id}', 'delete'],
      ['/api/v1/session', 'delete'],
      ['/api/v1/session', 'get'],
      ['/api/v1/me', 'get'],
      ['/api/v1/company', 'get'],
      ['/api/v1/company/users', 'get'],
      ['/api/v1/partners', 'get'],
      ['/api/v1/keys/rotate', 'post'],
      ['/api/v1/directory/registrations', 'post'],
      ['/api/v1/directory/registrations', 'get'],
    ];
    for (const [path, method] of expected)
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    expect(doc.paths['/api/v1/openapi.json']).toBeUndefined();
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carries the request schema of POST /orders exactly as it is enforced', () => {
    const post = doc.paths['/api/v1/orders']!.post!;
    expect(post.requestBody?.required).toBe(true);
    const schema = post.requestBody!.content['application/json']!.schema;
    expect(schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: expect.arrayContaining(['seller', 'number', 'issueDate', 'currency', 'lines']),
    });
    const { $schema: _ignored, ...fromZod } = z.toJSONSchema(IssueOrderBody, {
      target: 'draft-2020-12',
      io: 'input',
    });
    expect(schema).toEqual(fromZod);
    const line = (
      schema.properties as { lines: { items: { properties: Record<string, unknown>; required: string[] } } }
    ).lines.items;
    expect(line.required).toEqual(
      expect.arrayContaining(['lineId', 'item', 'unitCode', 'price', 'schedule']),
    );
    expect(line.properties.quantity).toMatchObject({ anyOf: [{ type: 'string' }, { type: 'number' }] });
  });

  it('describes responses: the order view, the ETag precondition and problem+json errors', () => {
    const post = doc.paths['/api/v1/orders']!.post!;
    expect(post.responses['201']!.content!['application/json']!.schema.$ref).toBe(
      '#/components/schemas/OrderView',
    );
    expect(post.responses['422']!.content!['application/problem+json']!.schema.$ref).toBe(
      '#/components/schemas/Problem',
    );
    const respond = doc.paths['/api/v1/orders/{id}/respond']!.post!;
    expect(respond.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'id', in: 'path' }),
        expect.objectContaining({ name: 'if-match', in: 'header' }),
      ]),
    );
    expect(Object.keys(respond.responses)).toEqual(expect.arrayContaining(['200', '404', '409', '422']));
  });

  it('documents GET /session as a probe with optional credentials, and the session hint cookie', () => {
    const get = doc.paths['/api/v1/session']!.get!;
    expect(get.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }, {}]);
    expect(Object.keys(get.responses)).toEqual(['200']);
    expect(get.description).toMatch(/200 `\{ "authenticated": false \}` instead of the 401/);
    const schema = (get.responses['200']!.content!['application/json']!.schema as { oneOf?: unknown[] })
      .oneOf;
    expect(schema).toEqual([
      expect.objectContaining({ properties: { authenticated: { type: 'boolean', enum: [false] } } }),
      expect.objectContaining({ required: ['authenticated', 'me'] }),
    ]);
    expect(doc.paths['/api/v1/session']!.post!.description).toMatch(
      /`schakel_session_hint=1`.*grants nothing/s,
    );
    expect(doc.paths['/api/v1/session']!.delete!.description).toMatch(/schakel_session_hint/);
  });

  it('says on every order action that If-Match is optional and what happens without it', () => {
    const actions = Object.entries(doc.paths).filter(([path]) =>
      /^\/api\/v1\/orders\/\{id\}\/(respond|decide|change|cancel|reopen|production|receipts|invoices)$|\/decision$/.test(
        path,
      ),
    );
    expect(actions).toHaveLength(9);
    for (const [path, ops] of actions) {
      const op = ops.post!;
      expect(op.description, path).toMatch(
        /If-Match is optional\..*Without it the action applies to the current version: no version check \(the last writer wins\)/s,
      );
      const ifMatch = op.parameters!.find((p) => p.name === 'if-match')!;
      expect(ifMatch, path).toMatchObject({ in: 'header', required: false });
      expect(ifMatch.description, path).toMatch(/^Optional\./);
      expect(ifMatch.description, path).toMatch(/409 `version_conflict` \(not 412\)/);
      expect(ifMatch.description, path).toMatch(/Without it, or with `\*`, there is no version check/);
    }
    expect(doc.info.description).toMatch(/If-Match is optional/);
  });

  it('says that a receipt’s received quantity excludes the rejected one', () => {
    const receipts = doc.paths['/api/v1/orders/{id}/receipts']!.post!;
    expect(receipts.description).toMatch(/`received` excludes `rejected`: of a shipped 10 with 2 refused/);
    const line = (
      receipts.requestBody!.content['application/json']!.schema.properties as {
        lines: { items: { properties: Record<string, { description?: string }> } };
      }
    ).lines.items.properties;
    expect(line.received!.description).toMatch(
      /not counting rejected goods: .* send received 8 and rejected 2/,
    );
    expect(line.rejected!.description).toMatch(
      /received \+ rejected must be above 0 and at most what is shipped/,
    );
  });

  it('resolves every $ref to a component', () => {
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of new Set(refs)) {
      const name = ref.slice('"#/components/schemas/'.length, -1);
      expect(doc.components.schemas, name).toHaveProperty(name);
    }
  });
});
