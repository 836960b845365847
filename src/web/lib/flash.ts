// A message that survives one navigation, e.g. "Order sent" shown on the new order's page.
let pending: { key: string; message: string } | null = null;

export function setFlash(key: string, message: string): void {
  pending = { key, message };
}

/** The message left for `key`, if any (read during render; clear it with clearFlash in an effect). */
export const peekFlash = (key: string): string | null => (pending?.key === key ? pending.message : null);

export function clearFlash(key: string): void {
  if (pending?.key === key) pending = null;
}
