// Use case step: sign a hosted company's current card with every currently valid key and post it to a
// directory node. Shared by a person's registration (register-at-directory.ts) and the node's refresh
// after a key rotation (refresh-directory-registrations.ts), which answer a failure differently: the
// first tells the person, the second retries or gives up. So this step only says what happened.
import { primaryIdentifier, type Company } from '../../domain/company-types.ts';
import { signCardProof } from '../../network/card-proof.ts';
import { baseUrl, DIRECTORY_CARDS_PATH } from '../../network/http-transport.ts';
import type { Deps } from '../deps.ts';
import type { DirectoryRegistration } from './directory-cards.ts';
import { participantCard } from './participant-card.ts';

/** What posting the card came to: accepted (with what was signed), or how the directory refused it. */
export type CardPublication =
  | { ok: true; registration: DirectoryRegistration; endpoint: string; signedBy: string[] }
  | {
      ok: false;
      /** The directory's HTTP status; null when it could not be reached. */
      httpStatus: number | null;
      /** The directory's reason code (problem+json `reason`), when it gave one. */
      reason: string | null;
      detail: string;
    };

/** The detail text and reason code of a problem+json body (or the start of any other body). */
function problemOf(body: string): { detail: string; reason: string | null } {
  try {
    const p = JSON.parse(body) as { detail?: unknown; reason?: unknown };
    return {
      detail: typeof p.detail === 'string' ? p.detail : body.slice(0, 200),
      reason: typeof p.reason === 'string' ? p.reason : null,
    };
  } catch {
    return { detail: body.slice(0, 200), reason: null };
  }
}

/** An error's message with its cause (fetch says only "fetch failed"; the cause says why). */
const errorText = (e: unknown): string => {
  const err = e as Error & { cause?: unknown };
  const cause = err.cause instanceof Error && err.cause.message ? ` (${err.cause.message})` : '';
  return `${err.message || String(e)}${cause}`;
};

/** The one-line text of a failed publication, for a person or a stored last error. */
export const publicationError = (p: Extract<CardPublication, { ok: false }>): string =>
  p.httpStatus === null ? `cannot be reached: ${p.detail}` : `HTTP ${p.httpStatus}: ${p.detail}`;

/**
 * Signs the card of hosted `company` (with `endpoint`, this node's URL) and posts it to the directory
 * at `directoryUrl`. Network errors and refusals are returned, not thrown.
 */
export async function publishCard(
  deps: Deps,
  company: Company,
  directoryUrl: string,
  endpoint: string,
): Promise<CardPublication> {
  const card = {
    ...(await participantCard(deps, primaryIdentifier(company), endpoint)),
    endpoint: baseUrl(endpoint),
    issuedAt: deps.now().toISOString(),
  };
  const keys = await deps.store.partners.keys(company.id);
  const signers = keys.filter((k) => card.keys.some((c) => c.jwk.kid === k.kid));
  const proof = await signCardProof(card, signers);
  let response;
  try {
    response = await deps.network.transport.postJson(
      `${baseUrl(directoryUrl)}${DIRECTORY_CARDS_PATH}`,
      proof,
    );
  } catch (e) {
    return { ok: false, httpStatus: null, reason: null, detail: errorText(e) };
  }
  if (response.status !== 200) return { ok: false, httpStatus: response.status, ...problemOf(response.body) };
  try {
    const registration = JSON.parse(response.body) as DirectoryRegistration;
    if (typeof registration?.issuedAt !== 'string') throw new Error('no issuedAt');
    return { ok: true, registration, endpoint: card.endpoint, signedBy: signers.map((k) => k.kid) };
  } catch {
    return { ok: false, httpStatus: 200, reason: null, detail: 'the node did not answer like a directory' };
  }
}
