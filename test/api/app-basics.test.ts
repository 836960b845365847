// What every request gets regardless of route: health, problem details for unknown routes and for
// unexpected failures (logged, never shown), problem types that resolve, and safe response headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import type { Services } from '../../src/app/node.ts';
import { call, createApiFixture, problemOf, type ApiFixture } from './api-fixture.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(() => f.close());

describe('app basics', () => {
  it('reports health and the store kind without credentials', async () => {
    const r = await call(f.app, 'GET', '/healthz');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', store: 'pglite' });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const r = await call(f.app, 'GET', '/api/v1/purchase-orders', { token: f.buyer.tokens.viewer });
    expect(r.statusCode).toBe(404);
    expect(problemOf(r)).toMatchObject({
      code: 'not_found',
      detail: 'there is no GET /api/v1/purchase-orders',
    });
  });

  it('answers an unexpected failure with a generic 500 and logs the cause', async () => {
    const logged: { level: number; err?: { message: string } }[] = [];
    const failing: Services = {
      ...f.services,
      listTasks: () => Promise.reject(new Error('connection to 10.1.2.3:5432 refused (password=hunter2)')),
    };
    const stream = { write: (line: string) => void logged.push(JSON.parse(line) as (typeof logged)[number]) };
    const app = await buildApp(failing, { logger: { level: 'error', stream } });
    try {
      const r = await call(app, 'GET', '/api/v1/tasks', { token: f.buyer.tokens.viewer });
      expect(r.statusCode).toBe(500);
      const p = problemOf(r);
      expect(p).toMatchObject({ code: 'internal_error', title: 'Internal server error' });
      expect(r.body).not.toMatch(/10\.1\.2\.3|hunter2|at .*\.ts/);
      expect(p.detail).toContain(String(p.requestId));
      // The cause is in the log, for the operator.
      expect(logged.map((l) => l.err?.message)).toContain(
        'connection to 10.1.2.3:5432 refused (password=hunter2)',
      );
    } finally {
      await app.close();
    }
  });

  it('resolves problem type URIs', async () => {
    const r = await call(f.app, 'GET', '/api/v1/problems/version_conflict');
    expect(r.json()).toEqual({ code: 'version_conflict', status: 409, title: 'Version conflict' });
    expect((await call(f.app, 'GET', '/api/v1/problems/toString')).statusCode).toBe(404);
  });

  it('marks responses as not cacheable and not sniffable', async () => {
    const r = await call(f.app, 'GET', '/api/v1/tasks', { token: f.buyer.tokens.viewer });
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('honours a smaller body limit', async () => {
    const app = await buildApp(f.services, { bodyLimit: 100 });
    try {
      const r = await call(app, 'POST', '/api/v1/session', {
        body: { email: 'a@b.nl', password: 'x'.repeat(200) },
      });
      expect(r.statusCode).toBe(413);
      expect(problemOf(r).detail).toContain('100 bytes');
    } finally {
      await app.close();
    }
  });
});
