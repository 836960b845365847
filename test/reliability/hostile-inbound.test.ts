// Reliability scenario 4: hostile inbound messages against one real node process. The test process acts
// as a remote node (its own Ed25519 key, pinned on the node with `schakel partner add` against a card
// served by a tiny HTTP server here) and posts a valid envelope, then forged, unknown, replayed,
// tampered, misaddressed and oversized ones, then the valid one again. Every refusal has its own clear
// status and reason, nothing of it is stored, and /metrics counts it by reason.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompactSign } from 'jose';
import { ENVELOPE_TYP, sealEnvelope, type EnvelopeFields } from '../../src/network/envelope.ts';
import { INBOX_PATH, cardPath } from '../../src/network/http-transport.ts';
import { fingerprint, generateSigningKey, importKey, type StoredKey } from '../../src/network/keys.ts';
import { verifyReceipt } from '../../src/network/receipt.ts';
import { uuidV7 } from '../../src/network/uuid-v7.ts';
import type { ParticipantCard } from '../../src/app/partners/participant-card.ts';
import { launchNode, type NodeProcess } from './support/node-process.ts';
import { printReport } from './support/report.ts';

/** Hosted on the node under attack. */
const SELLER = '0106:12345678';
/** The fake remote node's company, pinned as a partner. */
const REMOTE = '0106:99990001';
const ORDER_XML = readFileSync(
  fileURLToPath(new URL('../documents/fixtures/peppol-order.xml', import.meta.url)),
  'utf8',
);

let node: NodeProcess;
let cardServer: Server;
let remoteKey: StoredKey;
let sellerKeys: StoredKey[];
let token: string;

/** The remote company's card, as its node would publish it. */
function remoteCard(endpoint: string): ParticipantCard {
  return {
    participant: REMOTE,
    name: 'Machinefabriek Op Afstand BV',
    city: null,
    country: 'NL',
    endpoint,
    keys: [{ jwk: remoteKey.publicJwk, validFrom: remoteKey.validFrom, validUntil: null }],
    documentTypes: ['Order', 'OrderResponse', 'SchakelOrderAction'],
  };
}

const orderPayload = (number: string): Uint8Array =>
  new TextEncoder().encode(ORDER_XML.replace('<cbc:ID>PO-2026-0042</cbc:ID>', `<cbc:ID>${number}</cbc:ID>`));

/** A fresh Order envelope from REMOTE to SELLER; `over` changes header fields, `key` the signer. */
function seal(
  number: string,
  over: Partial<Omit<EnvelopeFields, 'payloadSha256'>> = {},
  key: StoredKey = remoteKey,
): Promise<{ jws: string; fields: EnvelopeFields }> {
  return sealEnvelope(
    {
      messageId: uuidV7(new Date()),
      conversationId: crypto.randomUUID(),
      seq: 1,
      sender: REMOTE,
      receiver: SELLER,
      documentType: 'Order',
      createdAt: new Date().toISOString(),
      ...over,
    },
    orderPayload(number),
    key,
  );
}

const post = (body: string) =>
  fetch(`${node.url}${INBOX_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/jose' },
    body,
  });

interface Problem {
  status: number;
  code: string;
  reason?: string;
  detail: string;
}

/** Posts `body` and returns the problem+json answer, failing when it is not one. */
async function refused(body: string): Promise<Problem> {
  const r = await post(body);
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const p = (await r.json()) as Problem;
  expect(p.status).toBe(r.status);
  return p;
}

async function sellerOrders(): Promise<{ number: string; role: string }[]> {
  const r = await fetch(`${node.url}/api/v1/orders?limit=500`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(r.status).toBe(200);
  return ((await r.json()) as { items: { number: string; role: string }[] }).items;
}

const metricsText = async (): Promise<string> => (await fetch(`${node.url}/metrics`)).text();

/** The value of one metric line, 0 when the line is not there (a counter never incremented). */
function metric(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

beforeAll(async () => {
  node = await launchNode({ name: 'receiver' });
  remoteKey = await generateSigningKey('remote', new Date(Date.now() - 86_400_000).toISOString());
  cardServer = createServer((req, res) => {
    const endpoint = `http://127.0.0.1:${(cardServer.address() as AddressInfo).port}`;
    if (req.url === cardPath(REMOTE)) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(remoteCard(endpoint)));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => cardServer.listen(0, '127.0.0.1', resolve));
  const cardUrl = `http://127.0.0.1:${(cardServer.address() as AddressInfo).port}`;

  await node.cliOk(['company', 'add', '--name', 'Draaierij Zuid BV', '--id', SELLER]);
  token = await node.cliOk(['token', 'create', '--company', SELLER, '--role', 'admin']);
  // The real pinning flow: the node fetches the card and pins the key whose fingerprint we hand it.
  const pinned = await node.cliOk([
    'partner',
    'add',
    cardUrl,
    '--participant',
    REMOTE,
    '--fingerprint',
    await fingerprint(remoteKey.publicJwk),
  ]);
  expect(pinned).toContain(`pinned ${REMOTE}`);
  await node.start();

  const card = (await (await fetch(`${node.url}${cardPath(SELLER)}`)).json()) as ParticipantCard;
  sellerKeys = card.keys.map((k) => ({
    companyId: 'seller',
    kid: k.jwk.kid!,
    publicJwk: k.jwk,
    privateJwk: null,
    validFrom: k.validFrom,
    validUntil: k.validUntil,
  }));
}, 240_000);

afterAll(async () => {
  await node?.cleanup();
  await new Promise((resolve) => cardServer?.close(resolve));
});

describe('hostile inbound messages', () => {
  it('are refused with a clear reason, store nothing and are counted by reason', async () => {
    const started = performance.now();
    const before = await metricsText();
    // (a) Baseline: a valid envelope is applied and the receipt verifies against the seller's card.
    const valid = await seal('PO-HOSTILE-1');
    const r = await post(valid.jws);
    expect(r.status).toBe(200);
    const accepted = (await r.json()) as { receipt: string; status: string; duplicate: boolean };
    expect(accepted).toMatchObject({ status: 'applied', duplicate: false });
    expect(await verifyReceipt(accepted.receipt, sellerKeys, valid.fields)).toMatchObject({
      status: 'accepted',
      sender: REMOTE,
      receiver: SELLER,
    });

    const other = await generateSigningKey('intruder', new Date(Date.now() - 86_400_000).toISOString());
    const [h, p, s] = (await seal('PO-HOSTILE-TAMPERED')).jws.split('.');
    const tamperedXml = Buffer.from(p!, 'base64url').toString().replace('>100<', '>100000<');
    const huge = `${(await seal('PO-HOSTILE-HUGE')).jws}${'A'.repeat(2 * 1024 * 1024)}`;
    const cases: { name: string; body: () => Promise<string>; status: number; reason: string }[] = [
      {
        // (b) The header names the pinned key, but another key made the signature.
        name: 'forged signature',
        body: async () => (await seal('PO-HOSTILE-FORGED', {}, { ...other, kid: remoteKey.kid })).jws,
        status: 401,
        reason: 'bad_signature',
      },
      {
        // (c) Signed by a key the partner never published.
        name: 'unknown key',
        body: async () => (await seal('PO-HOSTILE-UNKNOWN-KEY', {}, other)).jws,
        status: 401,
        reason: 'unknown_key',
      },
      {
        // (c) A sender that is not a pinned partner at all.
        name: 'unknown sender',
        body: async () => (await seal('PO-HOSTILE-UNKNOWN-SENDER', { sender: '0106:99990002' }, other)).jws,
        status: 401,
        reason: 'unknown_sender',
      },
      {
        // (d) A correctly signed message from an hour ago, replayed now.
        name: 'replayed old message',
        body: async () =>
          (await seal('PO-HOSTILE-OLD', { createdAt: new Date(Date.now() - 3_600_000).toISOString() })).jws,
        status: 422,
        reason: 'stale_timestamp',
      },
      {
        // (e) The payload's bytes changed after signing.
        name: 'tampered payload',
        body: () => Promise.resolve([h, Buffer.from(tamperedXml).toString('base64url'), s].join('.')),
        status: 401,
        reason: 'bad_signature',
      },
      {
        // (e) A valid signature over a header whose digest does not match the payload.
        name: 'digest mismatch',
        body: async () => {
          const fields = { ...(await seal('PO-HOSTILE-DIGEST')).fields, payloadSha256: '0'.repeat(64) };
          return new CompactSign(orderPayload('PO-HOSTILE-DIGEST'))
            .setProtectedHeader({ alg: 'EdDSA', typ: ENVELOPE_TYP, kid: remoteKey.kid, ...fields })
            .sign(await importKey(remoteKey.privateJwk!));
        },
        status: 422,
        reason: 'digest_mismatch',
      },
      {
        // (f) Addressed to a participant this node does not host.
        name: 'wrong receiver',
        body: async () => (await seal('PO-HOSTILE-ELSEWHERE', { receiver: '0106:87654321' })).jws,
        status: 404,
        reason: 'wrong_receiver',
      },
      {
        // (f) Addressed to the remote partner itself: known here, but not hosted here.
        name: 'receiver is a remote partner',
        body: async () => (await seal('PO-HOSTILE-LOOP', { receiver: REMOTE })).jws,
        status: 404,
        reason: 'wrong_receiver',
      },
      {
        name: 'not a JWS',
        body: () => Promise.resolve('<Order>hello</Order>'),
        status: 422,
        reason: 'malformed',
      },
      {
        // (g) Beyond the node's body limit (1 MiB).
        name: 'oversized body',
        body: () => Promise.resolve(huge),
        status: 413,
        reason: 'oversized',
      },
    ];

    for (const c of cases) {
      const problem = await refused(await c.body());
      expect(problem, c.name).toMatchObject({ status: c.status, reason: c.reason });
      expect(problem.detail, c.name).toMatch(c.status === 413 ? /exceeds the limit/ : /^envelope refused: /);
    }

    // (h) The valid envelope again: a receipt, recognised as a duplicate, not applied twice.
    const again = await post(valid.jws);
    expect(again.status).toBe(200);
    const dup = (await again.json()) as { receipt: string; status: string; duplicate: boolean };
    expect(dup).toMatchObject({ status: 'applied', duplicate: true });
    expect(await verifyReceipt(dup.receipt, sellerKeys, valid.fields)).toMatchObject({ status: 'duplicate' });

    // Nothing of the refused messages was stored: the seller has the baseline order only.
    expect((await sellerOrders()).map((o) => [o.number, o.role])).toEqual([['PO-HOSTILE-1', 'seller']]);

    const after = await metricsText();
    const delta = (series: string) => metric(after, series) - metric(before, series);
    const expected = new Map<string, number>();
    for (const c of cases) expected.set(c.reason, (expected.get(c.reason) ?? 0) + 1);
    for (const [reason, count] of expected)
      expect(delta(`schakel_inbound_rejected_total{reason="${reason}"}`), reason).toBe(count);
    expect(delta('schakel_inbound_received_total{outcome="applied"}')).toBe(1);
    expect(delta('schakel_inbound_received_total{outcome="duplicate"}')).toBe(1);

    printReport({
      scenario: 'hostile inbound messages',
      sent: 2 + cases.length,
      delivered: 1,
      duplicatesSuppressed: 1,
      retries: 0,
      drainMs: performance.now() - started,
      extra: Object.fromEntries(cases.map((c) => [`refused: ${c.name}`, `${c.status} ${c.reason}`])),
    });
  });
});
