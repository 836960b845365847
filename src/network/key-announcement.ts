// The key announcement a company sends its partners after a key rotation: its whole current key set
// (public JWKs with validity) as JSON, carried as the payload of an ordinary envelope. The envelope is
// signed by a key the partners already pin (the previous signing key), which is what makes the
// announcement trustworthy: a partner accepts the new keys only through a key it pinned itself.
import { createHash } from 'node:crypto';
import type { JWK } from 'jose';
import { keyId, publicPart } from './keys.ts';

export const KEY_ANNOUNCEMENT_TYPE = 'SchakelKeyAnnouncement';

export interface AnnouncedKey {
  /** Public Ed25519 JWK (kty, crv, x; kid = RFC 7638 thumbprint). */
  jwk: JWK;
  validFrom: string;
  validUntil: string | null;
}

export interface KeyAnnouncement {
  /** The announcing company, `scheme:value`; must be the envelope's sender. */
  participant: string;
  /**
   * When the key set was issued (the rotation instant). Receivers apply only announcements newer than
   * the last one they applied, so an older announcement can never roll keys back.
   */
  issuedAt: string;
  keys: AnnouncedKey[];
}

/**
 * The conversation of a participant's key announcements: a UUID derived from the participant id, so
 * every announcement of one company shares it (envelopes need a UUID conversation).
 */
export function keyConversationId(participant: string): string {
  const h = createHash('sha256').update(`schakel-keys:${participant}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x80; // version 8 (custom), RFC 9562
  h[8] = (h[8]! & 0x3f) | 0x80; // variant 10
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The payload bytes of an announcement. */
export function writeKeyAnnouncement(a: KeyAnnouncement): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(a));
}

/** Thrown for a payload that is not a well-formed announcement; the message says what is wrong. */
export class MalformedAnnouncement extends Error {}

const isTime = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** Reads and checks an announcement payload; keys come back with their kid recomputed. */
export async function readKeyAnnouncement(bytes: Uint8Array): Promise<KeyAnnouncement> {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new MalformedAnnouncement('a key announcement is a JSON document');
  }
  const a = raw as Partial<KeyAnnouncement> | null;
  if (typeof a?.participant !== 'string' || !isTime(a.issuedAt))
    throw new MalformedAnnouncement('a key announcement needs participant and issuedAt');
  if (!Array.isArray(a.keys) || a.keys.length === 0)
    throw new MalformedAnnouncement('a key announcement needs at least one key');
  const keys: AnnouncedKey[] = [];
  for (const [i, k] of (a.keys as Partial<AnnouncedKey>[]).entries()) {
    const jwk = k?.jwk;
    if (
      jwk?.kty !== 'OKP' ||
      jwk.crv !== 'Ed25519' ||
      typeof jwk.x !== 'string' ||
      !/^[\w-]{43}$/.test(jwk.x)
    )
      throw new MalformedAnnouncement(`keys[${i}] is not a public Ed25519 JWK`);
    if (!isTime(k.validFrom) || (k.validUntil !== null && !isTime(k.validUntil)))
      throw new MalformedAnnouncement(`keys[${i}] needs validFrom and validUntil (null for open-ended)`);
    const kid = await keyId(jwk);
    if (jwk.kid !== undefined && jwk.kid !== kid)
      throw new MalformedAnnouncement(`keys[${i}] has kid ${String(jwk.kid)}, its thumbprint is ${kid}`);
    keys.push({
      jwk: { ...publicPart(jwk), kid, alg: 'EdDSA', use: 'sig' },
      validFrom: new Date(k.validFrom).toISOString(),
      validUntil: k.validUntil === null ? null : new Date(k.validUntil).toISOString(),
    });
  }
  return { participant: a.participant, issuedAt: new Date(a.issuedAt).toISOString(), keys };
}
