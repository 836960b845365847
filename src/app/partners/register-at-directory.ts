// Use case: publish a hosted company's card at a directory node, so that partners can find it there.
// The card is signed by the company's own keys (every currently valid one), so the directory can only
// serve it as it is. The node remembers the registration: after a key rotation it registers the new card
// there again by itself (refresh-directory-registrations.ts); the directory accepts it because it is
// signed by a key of the registered one (the old key, still valid in its grace period).
import { primaryIdentifier, requirePermission } from '../../domain/company-types.ts';
import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import { baseUrl } from '../../network/http-transport.ts';
import type { Caller, Deps } from '../deps.ts';
import type { DirectoryRegistration } from './directory-cards.ts';
import { publishCard } from './publish-card.ts';

/**
 * Signs the card of hosted company `companyId` and registers it at the directory at `directoryUrl`.
 * `endpoint` is this node's URL as partners reach it (default: the node's public URL).
 */
export async function registerAtDirectory(
  deps: Deps,
  companyId: string,
  directoryUrl: string,
  endpoint?: string,
): Promise<DirectoryRegistration> {
  const company = await deps.store.companies.get(companyId);
  if (!company || (await deps.store.partners.getRemote(companyId))) throw notFound('company', companyId);
  const url = endpoint ?? deps.network.publicUrl;
  if (!url || !/^https?:\/\/[^/]/.test(url))
    throw invalid(
      'endpoint',
      "give this node's URL as partners reach it (the card's endpoint), e.g. https://node.example",
    );
  const published = await publishCard(deps, company, directoryUrl, url);
  if (!published.ok) {
    if (published.httpStatus === null)
      throw invalid(
        'directoryUrl',
        `the directory at ${directoryUrl} cannot be reached: ${published.detail}`,
      );
    if (published.httpStatus === 200)
      throw invalid('directoryUrl', `the node at ${directoryUrl} did not answer like a directory`);
    throw new DomainError(
      published.httpStatus === 409 ? 'conflict' : 'validation_failed',
      `the directory at ${directoryUrl} refused the card (HTTP ${published.httpStatus}): ${published.detail}`,
      { field: 'directoryUrl' },
    );
  }
  // Remembered so that the node can push the card again after a key rotation.
  await deps.store.cardRegistrations.recordAccepted({
    companyId,
    directoryUrl: baseUrl(directoryUrl),
    participant: primaryIdentifier(company),
    endpoint: published.endpoint,
    issuedAt: published.registration.issuedAt,
    signedBy: published.signedBy,
    at: deps.now().toISOString(),
  });
  return published.registration;
}

/**
 * Registers the caller's own company at a directory (admins only); the endpoint defaults to the node's
 * public URL, else the URL the request came in on.
 */
export async function registerOwnCardAtDirectory(
  deps: Deps,
  caller: Caller,
  directoryUrl: string,
  endpoint: string | undefined,
  requestUrl: string,
): Promise<DirectoryRegistration> {
  requirePermission(caller.role, 'admin');
  return registerAtDirectory(
    deps,
    caller.companyId,
    directoryUrl,
    endpoint ?? deps.network.publicUrl ?? requestUrl,
  );
}
