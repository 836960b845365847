// Small helpers for mapping rows: timestamps to ISO strings, cursors for keyset pagination.

/** A timestamptz value (Date from both drivers) as an ISO string. */
export const iso = (v: unknown): string =>
  v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();

export const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));

/** Opaque cursor for keyset pagination over (created_at, id). */
export function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(`${createdAt}|${id}`).toString('base64url');
}

/** Decodes a cursor; undefined when it is not one of ours. */
export function decodeCursor(cursor: string): { createdAt: string; id: string } | undefined {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/.test(id))
    return undefined;
  return { createdAt, id };
}
