// Web login with an HttpOnly cookie (over a real socket, as a browser would), the readable session hint
// beside it, logout, GET /session (whether logged in, 200 either way), and API tokens: shown once, listed
// without secret, last use recorded, revocation effective at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import type { ApiTokenInfoJson } from './api-types.ts';
import { call, createApiFixture, PASSWORD, problemOf, type ApiFixture } from './api-fixture.ts';

let f: ApiFixture;
let base: string;
beforeAll(async () => {
  f = await createApiFixture();
  base = await f.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => f.close());

const json = { 'content-type': 'application/json' };

describe('session over a real socket', () => {
  it('refuses a wrong password with 401 and sets no cookie', async () => {
    const r = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: f.buyer.adminEmail, password: 'wrong password!' }),
    });
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(r.headers.get('set-cookie')).toBeNull();
    expect(((await r.json()) as { code: string }).code).toBe('unauthenticated');
  });

  it('logs in with an HttpOnly SameSite=Lax cookie, serves /me with it, and logs out', async () => {
    const login = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: f.buyer.adminEmail.toUpperCase(), password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const body = (await login.json()) as { user: { email: string; role: string }; company: { id: string } };
    expect(body.user).toMatchObject({ email: f.buyer.adminEmail, role: 'admin' });
    expect(body.company.id).toBe(f.buyer.company.id);
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|scrypt/);

    const [setCookie = '', setHint = '', ...more] = login.headers.getSetCookie();
    expect(more).toEqual([]);
    expect(setCookie).toMatch(/^schakel_session=ses_[\w-]+;/);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Lax/i);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).toMatch(/; Expires=/);
    expect(setCookie).not.toMatch(/; Secure/i); // plain http on loopback
    const cookie = setCookie.split(';')[0]!;
    // The hint beside it: readable by the web app, same lifetime, no secret.
    expect(setHint).toMatch(/^schakel_session_hint=1;/);
    expect(setHint).not.toMatch(/; HttpOnly/i);
    expect(setHint).toMatch(/; SameSite=Lax/i);
    expect(setHint).toMatch(/; Path=\//);
    expect(/; Expires=([^;]+)/.exec(setHint)?.[1]).toBe(/; Expires=([^;]+)/.exec(setCookie)?.[1]);

    const me = await fetch(`${base}/api/v1/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      role: 'admin',
      actor: { tokenId: null },
      company: { id: f.buyer.company.id },
    });

    const logout = await fetch(`${base}/api/v1/session`, { method: 'DELETE', headers: { cookie } });
    expect(logout.status).toBe(204);
    const cleared = logout.headers.getSetCookie();
    expect(cleared).toHaveLength(2);
    expect(cleared[0]).toMatch(/^schakel_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(cleared[1]).toMatch(/^schakel_session_hint=;.*Expires=Thu, 01 Jan 1970/);

    const after = await fetch(`${base}/api/v1/me`, { headers: { cookie } });
    expect(after.status).toBe(401);
  });

  it('refuses a cookie-authenticated post that is not JSON (what a cross-site form could send)', async () => {
    const login = await call(f.app, 'POST', '/api/v1/session', {
      body: { email: f.buyer.adminEmail, password: PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const r = await fetch(`${base}/api/v1/orders`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'text/plain' },
      body: '{"seller":"0106:12345678"}',
    });
    expect(r.status).toBe(415);
  });

  it('marks the cookie Secure when the request came over https (behind a trusted proxy)', async () => {
    const app = await buildApp(f.services, { trustProxy: true });
    try {
      const r = await call(app, 'POST', '/api/v1/session', {
        body: { email: f.seller.adminEmail, password: PASSWORD },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(r.statusCode).toBe(200);
      const cookies = [r.headers['set-cookie'] ?? []].flat();
      expect(cookies.map((c) => c.split('=')[0])).toEqual(['schakel_session', 'schakel_session_hint']);
      for (const c of cookies) expect(c).toMatch(/; Secure/);
    } finally {
      await app.close();
    }
  });

  it('refuses requests without credentials, with another scheme, or with an unknown token', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Basic YWRtaW46YWRtaW4=' },
      { authorization: 'Bearer sk_nonsense' },
      { cookie: 'schakel_session=ses_forged' },
    ];
    for (const headers of attempts) {
      const r = await call(f.app, 'GET', '/api/v1/orders', { headers });
      expect(r.statusCode, JSON.stringify(headers)).toBe(401);
      expect(problemOf(r).code).toBe('unauthenticated');
    }
  });

  it('refuses an unknown field in the login body', async () => {
    const r = await call(f.app, 'POST', '/api/v1/session', {
      body: { email: f.buyer.adminEmail, password: PASSWORD, remember: true },
    });
    expect(problemOf(r)).toMatchObject({ status: 400, field: 'remember' });
  });
});

describe('GET /session: whether the request is logged in', () => {
  const probe = (headers: Record<string, string> = {}) => fetch(`${base}/api/v1/session`, { headers });

  it('answers 200 { authenticated: false } without a session, where GET /me still answers 401', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { cookie: 'schakel_session=ses_forged' },
      { cookie: 'schakel_session_hint=1' }, // the hint alone is no session
      { authorization: 'Bearer sk_nonsense' },
      { authorization: 'Basic YWRtaW46YWRtaW4=' },
    ];
    for (const headers of attempts) {
      const r = await probe(headers);
      expect(r.status, JSON.stringify(headers)).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.headers.get('set-cookie')).toBeNull();
      expect(await r.json()).toEqual({ authenticated: false });
      const me = await fetch(`${base}/api/v1/me`, { headers });
      expect(me.status, JSON.stringify(headers)).toBe(401);
    }
  });

  it('answers { authenticated: true, me } with a live session, and false once logged out', async () => {
    const login = await call(f.app, 'POST', '/api/v1/session', {
      body: { email: f.seller.adminEmail, password: PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const me = await (await fetch(`${base}/api/v1/me`, { headers: { cookie } })).json();
    const r = await probe({ cookie });
    expect(r.status).toBe(200);
    expect(r.headers.get('set-cookie')).toBeNull();
    const body = (await r.json()) as { authenticated: boolean; me: unknown };
    expect(body).toEqual({ authenticated: true, me });
    expect(body.me).toMatchObject({
      role: 'admin',
      actor: { tokenId: null },
      company: { id: f.seller.company.id },
    });

    await call(f.app, 'DELETE', '/api/v1/session', { headers: { cookie } });
    expect(await (await probe({ cookie })).json()).toEqual({ authenticated: false });
  });

  it('answers for an API token too, and false once it is revoked', async () => {
    const created = await call(f.app, 'POST', '/api/v1/tokens', {
      token: f.outsider.tokens.admin,
      body: { name: 'probe', role: 'viewer' },
    });
    const token = created.json<ApiTokenInfoJson & { secret: string }>();
    const authorization = `Bearer ${token.secret}`;
    expect(await (await probe({ authorization })).json()).toMatchObject({
      authenticated: true,
      me: {
        role: 'viewer',
        actor: { tokenId: token.id, userId: null },
        company: { id: f.outsider.company.id },
      },
    });
    await call(f.app, 'DELETE', `/api/v1/tokens/${token.id}`, { token: f.outsider.tokens.admin });
    expect(await (await probe({ authorization })).json()).toEqual({ authenticated: false });
  });
});

describe('API tokens', () => {
  it('creates a token whose secret is shown once, records its use, and revokes it', async () => {
    const admin = f.seller.tokens.admin;
    const created = await call(f.app, 'POST', '/api/v1/tokens', {
      token: admin,
      body: { name: 'ERP-koppeling', role: 'sales' },
    });
    expect(created.statusCode).toBe(201);
    const token = created.json<ApiTokenInfoJson & { secret: string }>();
    expect(token).toMatchObject({
      name: 'ERP-koppeling',
      role: 'sales',
      companyId: f.seller.company.id,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(token.secret).toMatch(/^sk_/);
    expect(token.prefix).toBe(token.secret.slice(0, 10));

    const listed = await call(f.app, 'GET', '/api/v1/tokens', { token: admin });
    expect(listed.body).not.toContain(token.secret);
    const entry = listed.json<{ items: ApiTokenInfoJson[] }>().items.find((t) => t.id === token.id);
    expect(entry).toMatchObject({ name: 'ERP-koppeling', lastUsedAt: null });
    expect(entry).not.toHaveProperty('secret');

    // Using it works and is recorded.
    const used = await call(f.app, 'GET', '/api/v1/orders', { token: token.secret });
    expect(used.statusCode).toBe(200);
    const me = await call(f.app, 'GET', '/api/v1/me', { token: token.secret });
    expect(me.json()).toMatchObject({ role: 'sales', actor: { tokenId: token.id, userId: null } });
    const relisted = await call(f.app, 'GET', '/api/v1/tokens', { token: admin });
    const usedEntry = relisted.json<{ items: ApiTokenInfoJson[] }>().items.find((t) => t.id === token.id)!;
    expect(usedEntry.lastUsedAt).not.toBeNull();

    // Revoked: refused at once; listed as revoked; revoking twice is not found.
    const revoke = await call(f.app, 'DELETE', `/api/v1/tokens/${token.id}`, { token: admin });
    expect(revoke.statusCode).toBe(204);
    expect(revoke.body).toBe('');
    const refused = await call(f.app, 'GET', '/api/v1/orders', { token: token.secret });
    expect(refused.statusCode).toBe(401);
    expect(problemOf(refused).detail).toMatch(/revoked/);
    const final = await call(f.app, 'GET', '/api/v1/tokens', { token: admin });
    expect(
      final.json<{ items: ApiTokenInfoJson[] }>().items.find((t) => t.id === token.id)!.revokedAt,
    ).not.toBeNull();
    expect((await call(f.app, 'DELETE', `/api/v1/tokens/${token.id}`, { token: admin })).statusCode).toBe(
      404,
    );
    expect((await call(f.app, 'DELETE', '/api/v1/tokens/not-a-uuid', { token: admin })).statusCode).toBe(404);
  });

  it('lets a cookie session create a token, recorded as created by that user', async () => {
    const login = await call(f.app, 'POST', '/api/v1/session', {
      body: { email: f.outsider.adminEmail, password: PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const created = await call(f.app, 'POST', '/api/v1/tokens', {
      headers: { cookie },
      body: { name: 'via web' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json<ApiTokenInfoJson>()).toMatchObject({
      role: 'admin',
      companyId: f.outsider.company.id,
    });
  });

  it('refuses an empty token name as a business rule (422)', async () => {
    const r = await call(f.app, 'POST', '/api/v1/tokens', {
      token: f.buyer.tokens.admin,
      body: { name: '  ' },
    });
    expect(problemOf(r)).toMatchObject({ status: 422, code: 'validation_failed', field: 'name' });
  });
});
