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

/** Imports a stored JWK for jose. */
export const importKey = (jwk: JWK) => importJWK(jwk, 'EdDSA');
