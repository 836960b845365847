// Use case: publish a hosted company's card at a directory node, so that partners can find it there.
// The card is signed by the company's own keys (every currently valid one), so the directory can only
// serve it as it is. Register again after a key rotation: the directory accepts the newer card because
// it is signed by a key of the registered one (the old key, still valid in its grace period).
import { primaryIdentifier, requirePermission } from '../domain/company-types.ts';
import { DomainError, invalid, notFound } from '../domain/errors.ts';
import { signCardProof } from '../network/card-proof.ts';
import { baseUrl, DIRECTORY_CARDS_PATH } from '../network/http-transport.ts';
import type { Caller, Deps } from './deps.ts';
import type { DirectoryRegistration } from './directory-cards.ts';
import { participantCard } from './participant-card.ts';

const detailOf = (body: string): string => {
  try {
    const p = JSON.parse(body) as { detail?: unknown };
    return typeof p.detail === 'string' ? p.detail : body.slice(0, 200);
  } catch {
    return body.slice(0, 200);
  }
};

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
  const card = {
    ...(await participantCard(deps, primaryIdentifier(company), url)),
    endpoint: baseUrl(url),
    issuedAt: deps.now().toISOString(),
  };
  const keys = await deps.store.partners.keys(companyId);
  const signers = keys.filter((k) => card.keys.some((c) => c.jwk.kid === k.kid));
  const proof = await signCardProof(card, signers);
  let response;
  try {
    response = await deps.network.transport.postJson(
      `${baseUrl(directoryUrl)}${DIRECTORY_CARDS_PATH}`,
      proof,
    );
  } catch (e) {
    throw invalid(
      'directoryUrl',
      `the directory at ${directoryUrl} cannot be reached: ${(e as Error).message}`,
    );
  }
  if (response.status !== 200)
    throw new DomainError(
      response.status === 409 ? 'conflict' : 'validation_failed',
      `the directory at ${directoryUrl} refused the card (HTTP ${response.status}): ${detailOf(response.body)}`,
      { field: 'directoryUrl' },
    );
  try {
    return JSON.parse(response.body) as DirectoryRegistration;
  } catch {
    throw invalid('directoryUrl', `the node at ${directoryUrl} did not answer like a directory`);
  }
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
