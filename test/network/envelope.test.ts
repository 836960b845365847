// Envelopes and receipts: sealed with a real Ed25519 key, opened with every check a receiver makes.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EnvelopeRejected,
  openEnvelope,
  sealEnvelope,
  type OpenOptions,
  type RejectReason,
} from '../../src/network/envelope.ts';
import {
  fingerprint,
  generateSigningKey,
  keyId,
  normalizeFingerprint,
  type StoredKey,
} from '../../src/network/keys.ts';
import { signReceipt, verifyReceipt } from '../../src/network/receipt.ts';
import { uuidV7 } from '../../src/network/uuid-v7.ts';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const payload = new TextEncoder().encode('<Order>…</Order>');

let key: StoredKey;
let other: StoredKey;
const pinned = (k: StoredKey): StoredKey => ({ ...k, privateJwk: null });

beforeAll(async () => {
  key = await generateSigningKey('a', '2026-01-01T00:00:00.000Z');
  other = await generateSigningKey('a', '2026-01-01T00:00:00.000Z');
});

const fields = (over: Partial<Parameters<typeof sealEnvelope>[0]> = {}) => ({
  messageId: uuidV7(NOW),
  conversationId: '0195f0a0-0000-7000-8000-000000000001',
  seq: 1,
  sender: '0106:11111111',
  receiver: '0106:22222222',
  documentType: 'Order',
  createdAt: NOW.toISOString(),
  ...over,
});

const options = (over: Partial<OpenOptions> = {}): OpenOptions => ({
  keysOf: (sender) => Promise.resolve(sender === '0106:11111111' ? [pinned(key)] : null),
  hosts: (receiver) => Promise.resolve(receiver === '0106:22222222'),
  now: NOW,
  windowMs: 5 * 60_000,
  ...over,
});

async function reason(jws: string, opts: OpenOptions = options()): Promise<RejectReason> {
  const e: unknown = await openEnvelope(jws, opts).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EnvelopeRejected);
  return (e as EnvelopeRejected).reason;
}

/** Replaces one part of a compact JWS. */
const withPart = (jws: string, i: number, part: string) =>
  jws
    .split('.')
    .map((p, j) => (j === i ? part : p))
    .join('.');

describe('keys', () => {
  it('uses the RFC 7638 thumbprint as kid and shows it as hex groups', async () => {
    expect(key.kid).toBe(await keyId(key.publicJwk));
    const fp = await fingerprint(key.publicJwk);
    expect(fp).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    expect(normalizeFingerprint(fp)).toBe(Buffer.from(key.kid, 'base64url').toString('hex'));
    expect(key.publicJwk).not.toHaveProperty('d');
    expect(key.privateJwk).toHaveProperty('d');
  });
});

describe('envelope', () => {
  it('opens what was sealed: fields, kid and payload bytes', async () => {
    const sealed = await sealEnvelope(fields(), payload, key);
    const opened = await openEnvelope(sealed.jws, options());
    expect(opened.fields).toEqual(sealed.fields);
    expect(opened.kid).toBe(key.kid);
    expect(Buffer.from(opened.payload).equals(Buffer.from(payload))).toBe(true);
    expect(opened.fields.messageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab]/);
  });

  it('rejects a forged signature (signed by a key that is not the pinned one, under its kid)', async () => {
    const forged = await sealEnvelope(fields(), payload, { ...other, kid: key.kid });
    expect(await reason(forged.jws)).toBe('bad_signature');
  });

  it('rejects a tampered payload', async () => {
    const { jws } = await sealEnvelope(fields(), payload, key);
    const tampered = withPart(jws, 1, Buffer.from('<Order>changed</Order>').toString('base64url'));
    expect(await reason(tampered)).toBe('bad_signature');
  });

  it('rejects a signed digest that does not match the payload', async () => {
    const { jws } = await sealEnvelope(fields(), payload, key);
    const header = JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString()) as object;
    // Re-sign a header that claims another digest: the signature is fine, the digest is not.
    const { CompactSign } = await import('jose');
    const { importKey } = await import('../../src/network/keys.ts');
    const lying = await new CompactSign(payload)
      .setProtectedHeader({ ...header, alg: 'EdDSA', payloadSha256: '0'.repeat(64) })
      .sign(await importKey(key.privateJwk!));
    expect(await reason(lying)).toBe('digest_mismatch');
  });

  it('rejects an unknown key and an unknown sender', async () => {
    const { jws } = await sealEnvelope(fields(), payload, other);
    expect(await reason(jws)).toBe('unknown_key');
    const stranger = await sealEnvelope(fields({ sender: '0106:99999999' }), payload, key);
    expect(await reason(stranger.jws)).toBe('unknown_sender');
  });

  it('rejects a key used outside its validity (expired key)', async () => {
    const { jws } = await sealEnvelope(fields(), payload, key);
    const expired = { ...pinned(key), validUntil: '2026-02-01T00:00:00.000Z' };
    expect(await reason(jws, options({ keysOf: () => Promise.resolve([expired]) }))).toBe('key_not_valid');
    const future = { ...pinned(key), validFrom: '2026-04-01T00:00:00.000Z' };
    expect(await reason(jws, options({ keysOf: () => Promise.resolve([future]) }))).toBe('key_not_valid');
  });

  it('rejects a receiver not hosted here', async () => {
    const { jws } = await sealEnvelope(fields({ receiver: '0106:33333333' }), payload, key);
    expect(await reason(jws)).toBe('wrong_receiver');
  });

  it('rejects a timestamp outside the window, either way', async () => {
    const old = await sealEnvelope(fields({ createdAt: '2026-03-02T09:54:59.000Z' }), payload, key);
    expect(await reason(old.jws)).toBe('stale_timestamp');
    const ahead = await sealEnvelope(fields({ createdAt: '2026-03-02T10:05:01.000Z' }), payload, key);
    expect(await reason(ahead.jws)).toBe('stale_timestamp');
    const edge = await sealEnvelope(fields({ createdAt: '2026-03-02T09:55:00.000Z' }), payload, key);
    await expect(openEnvelope(edge.jws, options())).resolves.toBeTruthy();
  });

  it('rejects what is not an envelope', async () => {
    expect(await reason('not a jws')).toBe('malformed');
    const { jws } = await sealEnvelope(fields({ seq: 0 }), payload, key);
    expect(await reason(jws)).toBe('malformed');
  });
});

describe('receipt', () => {
  const receipt = {
    messageId: '0195f0a0-0000-7000-8000-000000000002',
    payloadSha256: 'ab'.repeat(32),
    receivedAt: NOW.toISOString(),
    sender: '0106:11111111',
    receiver: '0106:22222222',
    status: 'accepted' as const,
  };

  it('verifies with the receiver’s pinned key and matches the message', async () => {
    const jws = await signReceipt(receipt, key);
    expect(await verifyReceipt(jws, [pinned(key)], receipt)).toEqual(receipt);
  });

  it('refuses a receipt by another key, for another message, or tampered', async () => {
    const jws = await signReceipt(receipt, key);
    await expect(verifyReceipt(jws, [pinned(other)], receipt)).rejects.toThrow(/not pinned/);
    await expect(
      verifyReceipt(jws, [pinned(key)], { ...receipt, messageId: '0195f0a0-0000-7000-8000-000000000003' }),
    ).rejects.toThrow(/another message/);
    const forged = withPart(
      jws,
      1,
      Buffer.from(JSON.stringify({ ...receipt, status: 'duplicate' })).toString('base64url'),
    );
    await expect(verifyReceipt(forged, [pinned(key)], receipt)).rejects.toThrow();
  });
});
