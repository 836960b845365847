// Ed25519 signing keys of hosted companies and pinned keys of partners: generation, JWK export,
// kid = RFC 7638 thumbprint, and the fingerprint people compare (SHA-256 thumbprint in hex groups).
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { StoredKey } from '../storage/partners-repository.ts';

export type { StoredKey };

/** Only the public members of an OKP JWK (what a card publishes and a partner pins). */
export function publicPart(jwk: JWK): JWK {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
}

/** A new Ed25519 key for a hosted company, valid from `validFrom` until rotated away. */
export async function generateSigningKey(companyId: string, validFrom: string): Promise<StoredKey> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const publicJwk = publicPart(await exportJWK(publicKey));
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  return {
    companyId,
    kid,
    publicJwk: { ...publicJwk, kid, alg: 'EdDSA', use: 'sig' },
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'EdDSA' },
    validFrom,
    validUntil: null,
  };
}

/** The RFC 7638 thumbprint of a public key (base64url), used as its kid. */
export const keyId = (jwk: JWK): Promise<string> => calculateJwkThumbprint(publicPart(jwk), 'sha256');

/** The fingerprint shown to people: the SHA-256 thumbprint as 16 groups of 4 hex digits. */
export async function fingerprint(jwk: JWK): Promise<string> {
  const hex = Buffer.from(await keyId(jwk), 'base64url').toString('hex');
  return hex.match(/.{4}/g)!.join(' ');
}

/** A fingerprint as typed by a person (spaces, colons, case) reduced to plain lowercase hex. */
export const normalizeFingerprint = (fp: string): string => fp.replace(/[\s:-]/g, '').toLowerCase();

/** Whether `key` is valid at instant `at`. */
export function validAt(key: Pick<StoredKey, 'validFrom' | 'validUntil'>, at: string): boolean {
  const t = Date.parse(at);
  return Date.parse(key.validFrom) <= t && (key.validUntil === null || t < Date.parse(key.validUntil));
}

/** The key a hosted company signs with at `at`: the newest valid key that has a private part. */
export function signingKeyAt(keys: StoredKey[], at: string): StoredKey | undefined {
  return keys
    .filter((k) => k.privateJwk && validAt(k, at))
    .sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
}

/**
 * Imported keys by their JWK members: every envelope and receipt is signed or verified with one of a few
 * keys, and importing a JWK costs more than an Ed25519 signature. A key's JWK never changes (a new key
 * gets a new kid), so an entry is never stale. Bounded, because a directory checks cards whose keys
 * come from whoever registers them.
 */
const imported = new Map<string, ReturnType<typeof importJWK>>();
const MAX_IMPORTED = 1000;

/** Imports a stored JWK for jose (once per key and process). */
export function importKey(jwk: JWK): ReturnType<typeof importJWK> {
  const id = `${jwk.kty}|${jwk.crv}|${jwk.x}|${jwk.d ?? ''}`;
  let key = imported.get(id);
  if (!key) {
    key = importJWK(jwk, 'EdDSA');
    // A failed import is not kept: the caller sees the error, and the next call tries again.
    key.catch(() => imported.delete(id));
    if (imported.size >= MAX_IMPORTED) imported.clear();
    imported.set(id, key);
  }
  return key;
}
