// The receipt a receiving node answers with: signed by the receiver, it names the message, the payload
// digest and when it was received. The sender stores it as proof of delivery.
import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import { importKey, validAt, type StoredKey } from './keys.ts';

export const RECEIPT_TYP = 'schakel-receipt+jws';

export interface Receipt {
  messageId: string;
  payloadSha256: string;
  receivedAt: string;
  /** Participant ids. */
  sender: string;
  receiver: string;
  /** accepted: stored (applied, waiting in sequence, or failed on business grounds: an MLR follows). */
  status: 'accepted' | 'duplicate';
}

/** Signs a receipt with the receiver's key. */
export async function signReceipt(receipt: Receipt, key: StoredKey): Promise<string> {
  if (!key.privateJwk) throw new Error(`key ${key.kid} has no private part`);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(receipt)))
    .setProtectedHeader({ alg: 'EdDSA', typ: RECEIPT_TYP, kid: key.kid })
    .sign(await importKey(key.privateJwk));
}

/** Verifies a receipt against the receiver's pinned keys and that it is for `expected`; throws otherwise. */
export async function verifyReceipt(
  jws: string,
  keys: StoredKey[],
  expected: { messageId: string; payloadSha256: string },
): Promise<Receipt> {
  const header = decodeProtectedHeader(jws);
  if (header.typ !== RECEIPT_TYP) throw new Error('not a Schakel receipt');
  const key = keys.find((k) => k.kid === header.kid);
  if (!key) throw new Error(`receipt signed with key ${String(header.kid)}, which is not pinned`);
  const { payload } = await compactVerify(jws, await importKey(key.publicJwk), { algorithms: ['EdDSA'] });
  const receipt = JSON.parse(new TextDecoder().decode(payload)) as Receipt;
  if (!validAt(key, receipt.receivedAt)) throw new Error(`key ${key.kid} was not valid at receipt time`);
  if (receipt.messageId !== expected.messageId || receipt.payloadSha256 !== expected.payloadSha256)
    throw new Error('the receipt is for another message or payload');
  return receipt;
}

/**
 * What a stored receipt says, read without verifying it (it was verified before it was stored); null
 * when it is not a readable receipt.
 */
export function readReceipt(jws: string): (Receipt & { kid: string | null }) | null {
  try {
    const header = decodeProtectedHeader(jws);
    const payload = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as Receipt;
    if (typeof payload.receivedAt !== 'string') return null;
    return { ...payload, kid: typeof header.kid === 'string' ? header.kid : null };
  } catch {
    return null;
  }
}
