// A participant card signed by the participant itself: a JWS in General JSON serialisation whose payload
// is the card and which carries one signature per currently valid key of the card. A directory node
// stores and serves it as is; because every signature is made with a key listed in the card, the
// directory can neither change the card (endpoint, name, keys) nor make one up for keys it does not
// hold. Whoever pins from it still confirms the newest key's fingerprint out of band.
import { flattenedVerify, GeneralSign, type JWK } from 'jose';
import { importKey, keyId, publicPart, validAt, type StoredKey } from './keys.ts';

export const CARD_TYP = 'schakel-card+jws';

/** JWS General JSON serialisation. */
export interface CardProof {
  payload: string;
  signatures: { protected: string; signature: string }[];
}

export interface ProvenCard {
  /** The signed card (JSON), still to be checked for its fields by the caller. */
  card: Record<string, unknown>;
  /** Kids of the keys whose signatures verified (all of them). */
  kids: string[];
}

export type CardProofReason = 'malformed' | 'unknown_key' | 'key_not_valid' | 'bad_signature';

/** A card proof that does not hold; `reason` names the check that failed. */
export class CardProofRejected extends Error {
  readonly reason: CardProofReason;
  constructor(reason: CardProofReason, message: string) {
    super(message);
    this.name = 'CardProofRejected';
    this.reason = reason;
  }
}

/** Signs `card` with every key in `keys` (each must have its private part). */
export async function signCardProof(card: object, keys: StoredKey[]): Promise<CardProof> {
  const sign = new GeneralSign(new TextEncoder().encode(JSON.stringify(card)));
  for (const k of keys) {
    if (!k.privateJwk) throw new Error(`key ${k.kid} has no private part`);
    sign
      .addSignature(await importKey(k.privateJwk))
      .setProtectedHeader({ alg: 'EdDSA', typ: CARD_TYP, kid: k.kid });
  }
  const jws = await sign.sign();
  return {
    payload: jws.payload,
    signatures: jws.signatures.map((s) => ({ protected: s.protected!, signature: s.signature })),
  };
}

const isProof = (v: unknown): v is CardProof => {
  const p = v as Partial<CardProof> | null;
  return (
    typeof p?.payload === 'string' &&
    Array.isArray(p.signatures) &&
    p.signatures.length > 0 &&
    p.signatures.every((s) => typeof s?.protected === 'string' && typeof s.signature === 'string')
  );
};

interface CardKeyEntry {
  jwk: JWK;
  validFrom: string;
  validUntil: string | null;
}

/**
 * Verifies a card proof at instant `at`: every signature must be made by a key the card lists, valid at
 * `at`. Returns the card and the verified kids, or throws CardProofRejected.
 */
export async function openCardProof(proof: unknown, at: string): Promise<ProvenCard> {
  if (!isProof(proof))
    throw new CardProofRejected('malformed', 'a signed card is a JWS in General JSON serialisation');
  let card: Record<string, unknown>;
  try {
    card = JSON.parse(Buffer.from(proof.payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new CardProofRejected('malformed', 'the signed card is not JSON');
  }
  const entries = Array.isArray(card?.keys) ? (card.keys as Partial<CardKeyEntry>[]) : [];
  const keys = new Map<string, CardKeyEntry>();
  for (const k of entries)
    if (typeof k?.jwk?.x === 'string' && typeof k.validFrom === 'string')
      keys.set(await keyId(k.jwk), { jwk: k.jwk, validFrom: k.validFrom, validUntil: k.validUntil ?? null });
  const kids: string[] = [];
  for (const s of proof.signatures) {
    let header: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(s.protected, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      throw new CardProofRejected('malformed', 'a signature header is not JSON');
    }
    if (header.alg !== 'EdDSA' || header.typ !== CARD_TYP || typeof header.kid !== 'string')
      throw new CardProofRejected('malformed', `each signature has alg EdDSA, typ ${CARD_TYP} and a kid`);
    const key = keys.get(header.kid);
    if (!key) throw new CardProofRejected('unknown_key', `key ${header.kid} is not one of the card's keys`);
    if (!validAt(key, at))
      throw new CardProofRejected('key_not_valid', `key ${header.kid} is not valid at ${at}`);
    try {
      await flattenedVerify(
        { payload: proof.payload, protected: s.protected, signature: s.signature },
        await importKey(publicPart(key.jwk)),
        {
          algorithms: ['EdDSA'],
        },
      );
    } catch {
      throw new CardProofRejected('bad_signature', `the signature of key ${header.kid} does not verify`);
    }
    kids.push(header.kid);
  }
  return { card, kids };
}

/** The card inside a proof that was verified before (e.g. when it was stored). */
export const cardOf = (proof: CardProof): Record<string, unknown> =>
  JSON.parse(Buffer.from(proof.payload, 'base64url').toString('utf8')) as Record<string, unknown>;
