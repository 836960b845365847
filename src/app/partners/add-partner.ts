// Use cases: connect to a company hosted on another node. The partner's card is fetched from its node,
// the person (or script) checks the key fingerprint, and then the partner is recorded with its keys
// pinned: from then on envelopes from it are accepted only when signed by a pinned key.
import type { Company } from '../../domain/company-types.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { parseIdentifier } from '../../domain/identifiers.ts';
import { CardProofRejected, openCardProof } from '../../network/card-proof.ts';
import { baseUrl, cardPath } from '../../network/http-transport.ts';
import { fingerprint, keyId, normalizeFingerprint, publicPart } from '../../network/keys.ts';
import type { RemotePartner } from '../../storage/partners-repository.ts';
import type { Deps } from '../deps.ts';
import type { ParticipantCard } from './participant-card.ts';

export interface FetchedCard {
  card: ParticipantCard;
  /** Fingerprint of the newest key: what a person compares with the partner. */
  fingerprint: string;
}

/** Whether `v` has the shape of a participant card. */
export const isCard = (v: unknown): v is ParticipantCard => {
  const c = v as Partial<ParticipantCard> | null;
  return (
    typeof c?.participant === 'string' &&
    typeof c.name === 'string' &&
    typeof c.endpoint === 'string' &&
    Array.isArray(c.keys) &&
    c.keys.length > 0 &&
    c.keys.every((k) => typeof k?.jwk?.x === 'string' && typeof k.validFrom === 'string') &&
    Array.isArray(c.documentTypes)
  );
};

/** The newest key of a card (by validFrom): the one whose fingerprint a person confirms. */
const newestKey = (card: ParticipantCard) =>
  [...card.keys].sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0]!;

/**
 * The card inside a directory's answer: only what the participant signed counts (the directory's own
 * fields are ignored), and the newest key — the one whose fingerprint is confirmed — must have signed.
 */
async function provenCard(deps: Deps, answer: unknown, directoryUrl: string): Promise<ParticipantCard> {
  let proven;
  try {
    proven = await openCardProof((answer as { proof?: unknown } | null)?.proof, deps.now().toISOString());
  } catch (e) {
    if (!(e instanceof CardProofRejected)) throw e;
    throw invalid(
      'directoryUrl',
      `the card from the directory at ${directoryUrl} is not signed by its participant: ${e.message}`,
    );
  }
  if (!isCard(proven.card))
    throw invalid('directoryUrl', `the directory at ${directoryUrl} did not answer with a participant card`);
  const newest = newestKey(proven.card);
  if (!proven.kids.includes(await keyId(newest.jwk)))
    throw invalid(
      'directoryUrl',
      `the card from the directory at ${directoryUrl} is not signed by its newest key`,
    );
  return proven.card;
}

/**
 * Fetches and checks the card of `participant` from the node at `nodeUrl` — or, with `viaDirectory`,
 * from the directory node at that URL, accepting only a card signed by the participant's own keys.
 */
export async function fetchPartnerCard(
  deps: Deps,
  nodeUrl: string,
  participant: string,
  options: { viaDirectory?: boolean } = {},
): Promise<FetchedCard> {
  const id = parseIdentifier(participant, 'participant');
  let url: URL;
  try {
    url = new URL(`${baseUrl(nodeUrl)}${cardPath(`${id.scheme}:${id.value}`)}`);
  } catch {
    throw invalid('nodeUrl', `${nodeUrl} is not a URL`);
  }
  let response;
  try {
    response = await deps.network.transport.get(url.toString());
  } catch (e) {
    throw invalid('nodeUrl', `the node at ${nodeUrl} cannot be reached: ${(e as Error).message}`);
  }
  if (response.status === 404)
    throw new DomainError(
      'not_found',
      options.viaDirectory
        ? `the directory at ${nodeUrl} has no card for ${participant}`
        : `the node at ${nodeUrl} hosts no participant ${participant}`,
    );
  if (response.status !== 200)
    throw invalid(
      'nodeUrl',
      `the node at ${nodeUrl} answered ${response.status} for the card of ${participant}`,
    );
  let card: unknown;
  try {
    card = JSON.parse(response.body);
  } catch {
    card = null;
  }
  if (options.viaDirectory) card = await provenCard(deps, card, nodeUrl);
  if (!isCard(card))
    throw invalid('nodeUrl', `the node at ${nodeUrl} did not answer with a participant card`);
  if (card.participant !== `${id.scheme}:${id.value}`)
    throw invalid('participant', `the card is for ${card.participant}, not ${participant}`);
  return { card, fingerprint: await fingerprint(newestKey(card).jwk) };
}

/**
 * Records the card's company as a remote partner and pins its keys. `confirmedFingerprint` must be the
 * fingerprint of the card's newest key (what the person confirmed or the script was given).
 */
export async function pinPartner(
  deps: Deps,
  fetched: FetchedCard,
  confirmedFingerprint: string,
): Promise<{ company: Company; partner: RemotePartner }> {
  const { card } = fetched;
  if (normalizeFingerprint(confirmedFingerprint) !== normalizeFingerprint(fetched.fingerprint))
    throw new DomainError(
      'conflict',
      `the key fingerprint of ${card.participant} is ${fetched.fingerprint}, not ${confirmedFingerprint}: nothing was pinned`,
      { field: 'fingerprint' },
    );
  const id = parseIdentifier(card.participant, 'participant');
  const now = deps.now().toISOString();
  return deps.store.transaction(async (tx) => {
    const existing = await tx.companies.findByIdentifier(id.scheme, id.value);
    if (existing) {
      const remote = await tx.partners.getRemote(existing.id);
      throw new DomainError(
        'conflict',
        remote
          ? `${card.participant} is already a partner (${existing.name} at ${remote.endpointUrl})`
          : `${card.participant} is a company hosted on this node`,
        { field: 'participant' },
      );
    }
    const company: Company = {
      id: deps.newId(),
      name: card.name,
      city: typeof card.city === 'string' ? card.city : null,
      country: typeof card.country === 'string' && /^[A-Z]{2}$/.test(card.country) ? card.country : null,
      identifiers: [{ scheme: id.scheme, value: id.value, primary: true }],
    };
    await tx.companies.insert(company);
    const partner: RemotePartner = {
      companyId: company.id,
      participant: card.participant,
      endpointUrl: baseUrl(card.endpoint),
      documentTypes: card.documentTypes,
      addedAt: now,
    };
    await tx.partners.insertRemote(partner);
    for (const k of card.keys) {
      const jwk = publicPart(k.jwk);
      await tx.partners.insertKey({
        companyId: company.id,
        kid: await keyId(jwk),
        publicJwk: jwk,
        privateJwk: null,
        validFrom: k.validFrom,
        validUntil: k.validUntil,
      });
    }
    return { company, partner };
  });
}

export interface RemotePartnerView extends RemotePartner {
  name: string;
  fingerprints: string[];
}

/** The remote partners of this node with the fingerprints of their pinned keys. */
export async function listRemotePartners(deps: Deps): Promise<RemotePartnerView[]> {
  const out: RemotePartnerView[] = [];
  for (const p of await deps.store.partners.listRemote()) {
    const company = await deps.store.companies.get(p.companyId);
    const keys = await deps.store.partners.keys(p.companyId);
    out.push({
      ...p,
      name: company?.name ?? '',
      fingerprints: await Promise.all(keys.map((k) => fingerprint(k.publicJwk))),
    });
  }
  return out;
}
