// Use cases around hosted companies' signing keys: one is created with every company, missing ones at
// node start (companies registered before the network existed), and rotation adds a new key while the
// old one stays valid for a grace period.
import { DomainError } from '../domain/errors.ts';
import { fingerprint, generateSigningKey } from '../network/keys.ts';
import type { Repositories } from '../storage/store.ts';
import type { Deps } from './deps.ts';

/** Creates a signing key for a hosted company inside `tx`. */
export async function createSigningKey(tx: Repositories, companyId: string, at: string): Promise<void> {
  await tx.partners.insertKey(await generateSigningKey(companyId, at));
}

/** Gives every hosted company without a signing key one; returns how many were created. */
export async function ensureSigningKeys(deps: Deps): Promise<number> {
  const missing = await deps.store.partners.hostedWithoutKeys();
  const at = deps.now().toISOString();
  for (const id of missing) await createSigningKey(deps.store, id, at);
  return missing.length;
}

/**
 * Rotates a hosted company's key: a new key signs from now on, the old ones stay valid for `graceMs`
 * (partners that still pin only the old key keep accepting what was sent before). Returns the new
 * key's fingerprint.
 */
export async function rotateSigningKey(deps: Deps, companyId: string, graceMs: number): Promise<string> {
  const now = deps.now();
  return deps.store.transaction(async (tx) => {
    if (await tx.partners.getRemote(companyId))
      throw new DomainError('validation_failed', 'only a company hosted on this node has signing keys');
    const until = new Date(now.getTime() + graceMs).toISOString();
    for (const k of await tx.partners.keys(companyId))
      if (k.validUntil === null || k.validUntil > until) await tx.partners.expireKey(companyId, k.kid, until);
    const key = await generateSigningKey(companyId, now.toISOString());
    await tx.partners.insertKey(key);
    return fingerprint(key.publicJwk);
  });
}
