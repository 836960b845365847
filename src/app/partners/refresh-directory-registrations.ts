// Use case of the running node: push the new card of a company to every directory it registered at,
// after a key rotation marked those registrations due (in the rotation's transaction, which makes no
// network call). The directory takes the new card because the old key, still in its grace period,
// co-signs it. A directory that is down or busy is retried with backoff; one that refuses the card for a
// reason a retry does not change is left alone (the company sees it as a task, like a refresh that keeps
// failing) until a person registers again.
import { backoffDelay, type BackoffPolicy } from '../../network/backoff.ts';
import type { CardRegistration } from '../../storage/card-registrations-repository.ts';
import type { Deps } from '../deps.ts';
import { publicationError, publishCard, type CardPublication } from './publish-card.ts';

export interface RefreshOptions {
  /** Waits between attempts: random in [0, min(cap, base·2^attempts)]. */
  backoff?: BackoffPolicy;
  /** Registrations claimed per round. */
  batch?: number;
  /** How long a claimed registration is reserved for this node process. */
  leaseMs?: number;
  random?: () => number;
}

/** A directory is a shared service: wait longer between attempts than the outbox does. */
export const DIRECTORY_REFRESH_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 15 * 60_000 };

/**
 * Whether another attempt may succeed: the directory could not be reached, failed, was busy, or found
 * the card not newer than the one it holds (a clock or a concurrent registration; the next card is).
 * Any other refusal (a key it no longer accepts, a bad signature, not a directory) stays as it is.
 */
const isTransient = (p: Extract<CardPublication, { ok: false }>): boolean =>
  p.httpStatus === null ||
  p.httpStatus >= 500 ||
  p.httpStatus === 408 ||
  p.httpStatus === 429 ||
  (p.httpStatus === 409 && p.reason === 'stale_card');

async function refresh(
  deps: Deps,
  r: CardRegistration,
  policy: BackoffPolicy,
  random: () => number,
): Promise<void> {
  const company = await deps.store.companies.get(r.companyId);
  // A company removed since (its registrations go with it).
  if (!company) return;
  let published: CardPublication;
  try {
    published = await publishCard(deps, company, r.directoryUrl, r.endpoint);
  } catch (e) {
    // Signing or reading the card failed on this node: try again later rather than give up.
    published = { ok: false, httpStatus: null, reason: null, detail: (e as Error).message || String(e) };
  }
  const now = deps.now();
  if (published.ok) {
    await deps.store.cardRegistrations.recordAccepted({
      companyId: r.companyId,
      directoryUrl: r.directoryUrl,
      participant: published.registration.participant,
      endpoint: published.endpoint,
      issuedAt: published.registration.issuedAt,
      signedBy: published.signedBy,
      at: now.toISOString(),
    });
    return;
  }
  const retryAt = isTransient(published)
    ? new Date(now.getTime() + backoffDelay(policy, r.attempts, random)).toISOString()
    : null;
  await deps.store.cardRegistrations.recordFailure(
    r.companyId,
    r.directoryUrl,
    publicationError(published),
    now.toISOString(),
    retryAt,
  );
}

/**
 * One round of the node's directory refresher: pushes the current card to every directory whose
 * registration is due; returns how many it tried.
 */
export async function refreshDirectoryRegistrations(
  deps: Deps,
  options: RefreshOptions = {},
): Promise<number> {
  const now = deps.now();
  const lease = new Date(now.getTime() + (options.leaseMs ?? 5 * 60_000)).toISOString();
  const due = await deps.store.cardRegistrations.claimDue(now.toISOString(), lease, options.batch ?? 10);
  // One after the other: there are few, and a directory should not get a burst from one node.
  for (const r of due)
    await refresh(deps, r, options.backoff ?? DIRECTORY_REFRESH_BACKOFF, options.random ?? Math.random);
  return due.length;
}
