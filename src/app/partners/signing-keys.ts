// Use cases around hosted companies' signing keys: one is created with every company, missing ones at
// node start (companies registered before the network existed), and rotation adds a new key while the
// old one stays valid for a grace period.
import { requirePermission } from '../../domain/company-types.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { fingerprint, generateSigningKey, signingKeyAt } from '../../network/keys.ts';
import type { Repositories } from '../../storage/store.ts';
import { announceKeys } from './announce-keys.ts';
import type { Caller, Deps } from '../deps.ts';

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

export interface RotatedKey {
  /** Fingerprint of the new key. */
  fingerprint: string;
  /** Partners on other nodes the new key set is announced to (through the outbox). */
  announcedTo: string[];
  /** Directories holding the company's card, where the running node registers the new card. */
  directoriesToRefresh: string[];
}

/**
 * Rotates a hosted company's key: a new key signs from now on, the old ones stay valid for `graceMs`
 * (partners that still pin only the old key keep accepting what was sent before). The new key set is
 * announced to the partners on other nodes, signed with the key that signed until now, and the card's
 * registrations at directories are marked due: the running node pushes the new card there (no network
 * call inside this transaction).
 */
export async function rotateSigningKey(deps: Deps, companyId: string, graceMs: number): Promise<RotatedKey> {
  const now = deps.now();
  const at = now.toISOString();
  return deps.store.transaction(async (tx) => {
    if (!(await tx.companies.get(companyId))) throw notFound('company', companyId);
    if (await tx.partners.getRemote(companyId))
      throw new DomainError('validation_failed', 'only a company hosted on this node has signing keys');
    const before = await tx.partners.keys(companyId);
    const previous = signingKeyAt(before, at);
    const until = new Date(now.getTime() + graceMs).toISOString();
    for (const k of before)
      if (k.validUntil === null || k.validUntil > until) await tx.partners.expireKey(companyId, k.kid, until);
    const key = await generateSigningKey(companyId, at);
    await tx.partners.insertKey(key);
    // No previous key means nobody can have pinned this company yet: nothing to announce.
    const announcedTo = previous ? await announceKeys(deps, tx, companyId, previous.kid, at) : [];
    const directoriesToRefresh = await tx.cardRegistrations.markRefreshDue(companyId, at);
    return { fingerprint: await fingerprint(key.publicJwk), announcedTo, directoriesToRefresh };
  });
}

/** Rotates the caller's own company key (admins only); the old key stays valid for `graceDays`. */
export async function rotateOwnSigningKey(
  deps: Deps,
  caller: Caller,
  graceDays: number,
): Promise<RotatedKey> {
  requirePermission(caller.role, 'admin');
  return rotateSigningKey(deps, caller.companyId, graceDays * 24 * 60 * 60_000);
}
