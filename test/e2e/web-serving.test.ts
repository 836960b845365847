// The node serves the built web app at `/`: deep links get index.html (the app routes them), the API
// keeps its problem responses, assets are cached for good and pages carry a strict security policy.
// Without a build, `/` says how to make one.
import Fastify from 'fastify';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_ROOT, webStaticPlugin } from '../../src/api/web-static-plugin.ts';
import { startNode, type RunningNode } from '../../src/cli/start-node.ts';

let env: RunningNode;
beforeAll(async () => {
  env = await startNode();
});
afterAll(() => env?.close());

describe('the web app on the node', () => {
  it('serves index.html at / and for deep links, with a content security policy', async () => {
    for (const path of ['/', '/orders/purchase', `/orders/${crypto.randomUUID()}`, '/settings']) {
      const r = await fetch(`${env.url}${path}`);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('content-type')).toContain('text/html');
      expect(await r.text()).toContain('<div id="root">');
      expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(r.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('serves the hashed assets with a long cache lifetime', async () => {
    const js = readdirSync(join(WEB_ROOT, 'assets')).find((f) => f.endsWith('.js'))!;
    const r = await fetch(`${env.url}/assets/${js}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('javascript');
    expect(r.headers.get('cache-control')).toContain('immutable');
  });

  it('leaves the API and missing files alone: problem responses, never the app', async () => {
    const api = await fetch(`${env.url}/api/v1/nothing-here`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    const file = await fetch(`${env.url}/assets/missing-123.js`);
    expect(file.status).toBe(404);
    expect((await fetch(`${env.url}/healthz`)).status).toBe(200);
  });

  it('says to run npm run build when the app is not built', async () => {
    const app = Fastify();
    await app.register(webStaticPlugin(mkdtempSync(join(tmpdir(), 'schakel-no-web-'))));
    const r = await app.inject({ method: 'GET', url: '/' });
    expect(r.statusCode).toBe(503);
    expect(r.body).toContain('npm run build');
    expect((await app.inject({ method: 'GET', url: '/orders/purchase' })).body).toContain('npm run build');
    expect((await app.inject({ method: 'GET', url: '/api/v1/tasks' })).statusCode).toBe(404);
    await app.close();
  });
});
