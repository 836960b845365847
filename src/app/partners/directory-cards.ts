// Use cases of the directory role (a node started with --directory, like a Peppol SMP or the SCSN
// address book): other nodes register the cards of their participants, signed by the participants'
// own keys, and anyone can look them up at the usual card address. The directory checks every
// signature on registration and lets a registration be replaced only by a newer card signed with a key
// of the registered one, so nobody can take over a participant it does not hold the keys of.
import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import { parseIdentifier } from '../../domain/identifiers.ts';
import { cardOf, CardProofRejected, openCardProof, type CardProof } from '../../network/card-proof.ts';
import { keyId, validAt } from '../../network/keys.ts';
import { isCard } from './add-partner.ts';
import type { Deps } from '../deps.ts';
import { participantCard, type ParticipantCard } from './participant-card.ts';

/** A card served by a directory: the signed card's fields plus the signed card itself. */
export type DirectoryCard = ParticipantCard & { issuedAt: string; proof: CardProof };

export interface DirectoryRegistration {
  participant: string;
  issuedAt: string;
  registeredAt: string;
  /** false for a first registration, true when it replaced an older card. */
  replaced: boolean;
}

const notADirectory = () =>
  new DomainError('not_found', 'this node is not a directory (start it with --directory)');

/** The participant's canonical `scheme:value`, or null when it is not a participant id. */
function canonical(participant: string): string | null {
  try {
    const id = parseIdentifier(participant, 'participant');
    return `${id.scheme}:${id.value}`;
  } catch {
    return null;
  }
}

/** Registers (or replaces) a participant's signed card at this directory node. */
export async function registerDirectoryCard(deps: Deps, proof: unknown): Promise<DirectoryRegistration> {
  if (!deps.network.directory) throw notADirectory();
  const now = deps.now().toISOString();
  let proven;
  try {
    proven = await openCardProof(proof, now);
  } catch (e) {
    if (!(e instanceof CardProofRejected)) throw e;
    throw new DomainError(
      e.reason === 'malformed' ? 'validation_failed' : 'unauthenticated',
      `card refused: ${e.message}`,
      { reason: e.reason },
    );
  }
  const card = proven.card;
  if (!isCard(card) || typeof card.issuedAt !== 'string' || Number.isNaN(Date.parse(card.issuedAt)))
    throw invalid('card', 'the signed payload is not a participant card with issuedAt');
  const participant = canonical(card.participant);
  if (participant !== card.participant)
    throw invalid('participant', `${card.participant} is not a participant id scheme:value`);
  if (!/^https?:\/\/[^/]/.test(card.endpoint)) throw invalid('endpoint', `${card.endpoint} is not a URL`);
  const id = parseIdentifier(participant, 'participant');
  const local = await deps.store.companies.findByIdentifier(id.scheme, id.value);
  if (local && !(await deps.store.partners.getRemote(local.id)))
    throw new DomainError('conflict', `${participant} is hosted on this node; its card is served directly`, {
      field: 'participant',
    });
  const issuedAt = new Date(card.issuedAt).toISOString();
  return deps.store.transaction(async (tx) => {
    await tx.directory.lock(participant);
    const existing = await tx.directory.get(participant);
    if (existing) {
      if (Date.parse(issuedAt) <= Date.parse(existing.issuedAt))
        throw new DomainError(
          'conflict',
          `the card of ${participant} issued at ${issuedAt} is not newer than the registered one (${existing.issuedAt})`,
          { reason: 'stale_card' },
        );
      const registered = cardOf(existing.proof as CardProof) as unknown as ParticipantCard;
      const current = new Set<string>();
      for (const k of registered.keys) if (validAt(k, now)) current.add(await keyId(k.jwk));
      if (!proven.kids.some((kid) => current.has(kid)))
        throw new DomainError(
          'unauthenticated',
          `the new card of ${participant} is not signed by a key of its registered card; nothing was changed`,
          { reason: 'unregistered_key' },
        );
    }
    const registeredAt = existing?.registeredAt ?? now;
    // Only the JWS itself is kept, not whatever else the request carried.
    const stored: CardProof = {
      payload: (proof as CardProof).payload,
      signatures: (proof as CardProof).signatures.map((s) => ({
        protected: s.protected,
        signature: s.signature,
      })),
    };
    await tx.directory.put({ participant, proof: stored, issuedAt, registeredAt, updatedAt: now });
    return { participant, issuedAt, registeredAt, replaced: existing !== null };
  });
}

/** The card of a participant registered at this directory, with its proof. */
export async function directoryCard(deps: Deps, participant: string): Promise<DirectoryCard> {
  if (!deps.network.directory) throw notADirectory();
  const id = canonical(participant);
  const entry = id ? await deps.store.directory.get(id) : null;
  if (!entry) throw notFound('participant', participant);
  const proof = entry.proof as CardProof;
  return { ...(cardOf(proof) as unknown as DirectoryCard), proof };
}

/**
 * The card at /.well-known/schakel/participants/{id}: a company hosted here, or — on a directory node —
 * a participant registered here.
 */
export async function lookupCard(
  deps: Deps,
  participant: string,
  requestUrl: string,
): Promise<ParticipantCard | DirectoryCard> {
  try {
    return await participantCard(deps, participant, requestUrl);
  } catch (e) {
    if (!deps.network.directory || !(e instanceof DomainError) || e.code !== 'not_found') throw e;
    return directoryCard(deps, participant);
  }
}
