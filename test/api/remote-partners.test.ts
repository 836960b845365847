// POST /partners/preview and POST /partners: an admin connects the node to a company on another real
// node (real HTTP, the partner's published card), only with the right key fingerprint; GET /partners
// shows the partner with its pinned fingerprint and delivery status. Remote partners are node-wide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type RunningNode } from '../../src/cli/start-node.ts';
import type { Partner } from '../../src/app/partners/index.ts';
import { call, createApiFixture, orderBody, problemOf, type ApiFixture } from './api-fixture.ts';

const REMOTE_ID = '0106:33334444';

let f: ApiFixture;
let remote: RunningNode;
let remoteFingerprint: string;

beforeAll(async () => {
  [f, remote] = await Promise.all([createApiFixture(), startNode({ deliveryIntervalMs: 0 })]);
  await remote.services.registerCompany({ name: 'Draaierij B BV', identifiers: [REMOTE_ID], country: 'NL' });
  // What the partner reads out over the phone: computed on its own node, not taken from our answer.
  remoteFingerprint = (await remote.services.fetchPartnerCard(remote.url, REMOTE_ID)).fingerprint;
}, 240_000);
afterAll(async () => {
  await f?.close();
  await remote?.close();
});

const remotePartners = async (token: string): Promise<Partner[]> => {
  const r = await call(f.app, 'GET', '/api/v1/partners', { token });
  expect(r.statusCode).toBe(200);
  return r.json<{ items: Partner[] }>().items.filter((p) => p.remote !== null);
};

describe('partners on other nodes', { timeout: 60_000 }, () => {
  it('previews the card and fingerprint for an admin, pinning nothing', async () => {
    const r = await call(f.app, 'POST', '/api/v1/partners/preview', {
      token: f.buyer.tokens.admin,
      body: { nodeUrl: remote.url, participant: REMOTE_ID },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      card: { participant: REMOTE_ID, name: 'Draaierij B BV', endpoint: remote.url },
      fingerprint: remoteFingerprint,
    });
    expect(await remotePartners(f.buyer.tokens.admin)).toEqual([]);
  });

  it('refuses non-admins and anonymous callers', async () => {
    const body = { nodeUrl: remote.url, participant: REMOTE_ID, fingerprint: remoteFingerprint };
    for (const role of ['purchasing', 'sales', 'viewer'] as const) {
      for (const url of ['/api/v1/partners', '/api/v1/partners/preview']) {
        const r = await call(f.app, 'POST', url, {
          token: f.buyer.tokens[role],
          body: url.endsWith('preview') ? { nodeUrl: remote.url, participant: REMOTE_ID } : body,
        });
        expect(r.statusCode, `${role} ${url}`).toBe(403);
        expect(problemOf(r).code).toBe('forbidden');
      }
    }
    expect((await call(f.app, 'POST', '/api/v1/partners', { body })).statusCode).toBe(401);
    expect(await remotePartners(f.buyer.tokens.admin)).toEqual([]);
  });

  it('refuses a wrong fingerprint with 409 and pins nothing', async () => {
    const r = await call(f.app, 'POST', '/api/v1/partners', {
      token: f.buyer.tokens.admin,
      body: { nodeUrl: remote.url, participant: REMOTE_ID, fingerprint: '0000 1111 2222 3333' },
    });
    expect(r.statusCode).toBe(409);
    const p = problemOf(r);
    expect(p).toMatchObject({ code: 'conflict', field: 'fingerprint' });
    expect(p.detail).toContain(remoteFingerprint);
    expect(p.detail).toMatch(/nothing was pinned/);
    expect(await remotePartners(f.buyer.tokens.admin)).toEqual([]);
  });

  it('explains an unknown participant, an unreachable node and a malformed body', async () => {
    const unknown = await call(f.app, 'POST', '/api/v1/partners', {
      token: f.buyer.tokens.admin,
      body: { nodeUrl: remote.url, participant: '0106:99998888', fingerprint: remoteFingerprint },
    });
    expect(unknown.statusCode).toBe(422);
    expect(problemOf(unknown)).toMatchObject({ field: 'participant' });
    expect(problemOf(unknown).detail).toMatch(/hosts no participant 0106:99998888/);

    const unreachable = await call(f.app, 'POST', '/api/v1/partners/preview', {
      token: f.buyer.tokens.admin,
      body: { nodeUrl: 'http://127.0.0.1:1', participant: REMOTE_ID },
    });
    expect(unreachable.statusCode).toBe(422);
    expect(problemOf(unreachable)).toMatchObject({ field: 'nodeUrl' });
    expect(problemOf(unreachable).detail).toMatch(/cannot be reached/);

    const malformed = await call(f.app, 'POST', '/api/v1/partners', {
      token: f.buyer.tokens.admin,
      body: { nodeUrl: remote.url, participant: REMOTE_ID },
    });
    expect(malformed.statusCode).toBe(400);
    expect(problemOf(malformed).detail).toMatch(/fingerprint/);
    expect(await remotePartners(f.buyer.tokens.admin)).toEqual([]);
  });

  it('pins the partner with the confirmed fingerprint (spaces and case ignored), once', async () => {
    const typed = remoteFingerprint.replace(/ /g, '').toUpperCase();
    const r = await call(f.app, 'POST', '/api/v1/partners', {
      token: f.buyer.tokens.admin,
      body: { nodeUrl: `${remote.url}/`, participant: REMOTE_ID, fingerprint: typed },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      name: 'Draaierij B BV',
      country: 'NL',
      identifiers: [{ scheme: '0106', value: '33334444', primary: true }],
      remote: { participant: REMOTE_ID, endpointUrl: remote.url, fingerprints: [remoteFingerprint] },
      delivery: { delivered: 0, pending: 0, dead: 0, declined: 0, lastDeliveredAt: null },
    });
    const again = await call(f.app, 'POST', '/api/v1/partners', {
      token: f.outsider.tokens.admin,
      body: { nodeUrl: remote.url, participant: REMOTE_ID, fingerprint: remoteFingerprint },
    });
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).detail).toMatch(/already a partner/);
  });

  it('lists the remote partner for every company of the node, with its own delivery status', async () => {
    // Node-wide: the outsider's admin did not add it, yet may trade with it (like with local companies).
    const [forOutsider] = await remotePartners(f.outsider.tokens.viewer);
    expect(forOutsider).toMatchObject({ remote: { participant: REMOTE_ID }, delivery: { pending: 0 } });

    const r = await call(f.app, 'POST', '/api/v1/orders', {
      token: f.buyer.tokens.purchasing,
      body: orderBody(REMOTE_ID, 'PO-REMOTE-1'),
    });
    expect(r.statusCode).toBe(201);
    // The fixture runs no outbox worker: the order waits in the outbox of the buyer only.
    const [forBuyer] = await remotePartners(f.buyer.tokens.viewer);
    expect(forBuyer!.delivery).toMatchObject({ pending: 1, delivered: 0 });
    const [stillForOutsider] = await remotePartners(f.outsider.tokens.viewer);
    expect(stillForOutsider!.delivery).toMatchObject({ pending: 0, delivered: 0 });
  });

  it('describes the routes in the OpenAPI document', async () => {
    const doc = (await call(f.app, 'GET', '/api/v1/openapi.json')).json<{
      paths: Record<string, Record<string, { operationId?: string }>>;
    }>();
    expect(doc.paths['/api/v1/partners']?.post?.operationId).toBe('addPartner');
    expect(doc.paths['/api/v1/partners/preview']?.post?.operationId).toBe('previewPartner');
  });
});
