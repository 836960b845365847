// Ids both copies of an order must agree on without the UBL document carrying them: a despatch's id and
// an invoice's id are derived from what the document does carry (the seller's participant id and the
// despatch number; the order id and the invoice number), so the sender and the receiver compute the same.
import { createHash } from 'node:crypto';

/** A UUID (RFC 9562 version 8, name-based on SHA-256) for the given parts. */
export function derivedId(...parts: string[]): string {
  const b = createHash('sha256').update(parts.join('\u0000')).digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The id of a seller's despatch: the same on the seller's and on every buyer's node. */
export const despatchIdOf = (sellerParticipant: string, number: string): string =>
  derivedId('despatch', sellerParticipant, number.trim());

/** The id of an invoice on an order: the same on the seller's and the buyer's copy. */
export const invoiceIdOf = (orderId: string, number: string): string =>
  derivedId('invoice', orderId, number.trim());
