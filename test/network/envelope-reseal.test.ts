// Signing an envelope again for a late retry: same message, fresh sentAt; the receiver's window is
// checked against sentAt when it is there, and a sentAt that is not a timestamp is malformed.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EnvelopeRejected,
  envelopeSentAt,
  openEnvelope,
  resealEnvelope,
  sealEnvelope,
  type OpenOptions,
} from '../../src/network/envelope.ts';
import { generateSigningKey, type StoredKey } from '../../src/network/keys.ts';

const CREATED = '2026-03-02T10:00:00.000Z';
const LATER = new Date('2026-03-02T10:30:00.000Z');
const payload = new TextEncoder().encode('<Order>…</Order>');
let key: StoredKey;

beforeAll(async () => {
  key = await generateSigningKey('a', '2026-01-01T00:00:00.000Z');
});

const fields = {
  messageId: '0195f0a0-0000-7000-8000-0000000000aa',
  conversationId: '0195f0a0-0000-7000-8000-000000000001',
  seq: 3,
  sender: '0106:11111111',
  receiver: '0106:22222222',
  documentType: 'Order',
  createdAt: CREATED,
};

const options = (now: Date): OpenOptions => ({
  keysOf: () => Promise.resolve([{ ...key, privateJwk: null }]),
  hosts: () => Promise.resolve(true),
  now,
  windowMs: 5 * 60_000,
});

const reasonOf = (jws: string, now: Date) =>
  openEnvelope(jws, options(now)).then(
    () => 'opened',
    (e: unknown) => (e instanceof EnvelopeRejected ? e.reason : String(e)),
  );

describe('resealEnvelope', () => {
  it('keeps the message and its payload, adds sentAt, and passes the window 30 minutes later', async () => {
    const { jws } = await sealEnvelope(fields, payload, key);
    expect(envelopeSentAt(jws)).toBe(CREATED);
    expect(await reasonOf(jws, LATER)).toBe('stale_timestamp');
    const again = await resealEnvelope(jws, key, LATER.toISOString());
    expect(envelopeSentAt(again)).toBe(LATER.toISOString());
    const opened = await openEnvelope(again, options(LATER));
    expect(opened.fields).toEqual({
      ...fields,
      sentAt: LATER.toISOString(),
      payloadSha256: expect.any(String),
    });
    expect(new TextDecoder().decode(opened.payload)).toBe('<Order>…</Order>');
    // The re-signed copy is itself refused once it is old.
    expect(await reasonOf(again, new Date(LATER.getTime() + 6 * 60_000))).toBe('stale_timestamp');
  });

  it('refuses a sentAt that is not a timestamp as malformed', async () => {
    const { jws } = await sealEnvelope({ ...fields, sentAt: 'yesterday' }, payload, key);
    expect(await reasonOf(jws, LATER)).toBe('malformed');
  });
});
