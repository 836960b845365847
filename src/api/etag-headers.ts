// Optimistic concurrency over HTTP: an order's version travels as a strong ETag ("3"); a client sends it
// back as If-Match with an action and the use case refuses the write when the order has moved on.
import { DomainError } from '../domain/errors.ts';

/** The ETag of an order version. */
export const etagOf = (version: number): string => `"${version}"`;

/** The version an If-Match header asks for; undefined when absent or `*` (any version). */
export function expectedVersion(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch === '*') return undefined;
  const m = /^"(\d+)"$/.exec(ifMatch);
  // The header schema refuses other forms with 400 first; this guards callers that bypass it.
  if (!m) {
    throw new DomainError('validation_failed', 'If-Match must be the ETag of the order, e.g. "3"', {
      field: 'if-match',
    });
  }
  return Number(m[1]);
}
