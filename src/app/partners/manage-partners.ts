// Use cases behind the partner routes of the API: an administrator previews a card on another node (to
// read its key fingerprint to the partner) and then adds that partner with the fingerprint it confirmed.
// Remote partners are node-wide, like the companies hosted here: a partner one company's admin adds is a
// row in `companies` that every company on this node can trade with (docs/network.md, "Cards and partners").
import { requirePermission } from '../../domain/company-types.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { fetchPartnerCard, pinPartner, type FetchedCard } from './add-partner.ts';
import { listPartners, type Partner } from './list-partners.ts';
import type { Caller, Deps } from '../deps.ts';

export interface PartnerRequest {
  nodeUrl: string;
  participant: string;
  /** `nodeUrl` is a directory node serving the participant's signed card. */
  viaDirectory?: boolean;
}

/** Fetches the card; "no such participant there" is a fault of the request body, not a missing resource. */
async function fetchCard(deps: Deps, request: PartnerRequest): Promise<FetchedCard> {
  try {
    return await fetchPartnerCard(deps, request.nodeUrl, request.participant, {
      viaDirectory: request.viaDirectory === true,
    });
  } catch (e) {
    if (e instanceof DomainError && e.code === 'not_found') throw invalid('participant', e.message);
    throw e;
  }
}

/** The partner's card and key fingerprint, nothing pinned (admin only). */
export async function previewRemotePartner(
  deps: Deps,
  caller: Caller,
  request: PartnerRequest,
): Promise<FetchedCard> {
  requirePermission(caller.role, 'admin');
  return fetchCard(deps, request);
}

/** Fetches the card and pins its keys when `fingerprint` matches its newest key (admin only). */
export async function addRemotePartner(
  deps: Deps,
  caller: Caller,
  request: PartnerRequest & { fingerprint: string },
): Promise<Partner> {
  requirePermission(caller.role, 'admin');
  const fetched = await fetchCard(deps, request);
  const { company } = await pinPartner(deps, fetched, request.fingerprint);
  const added = (await listPartners(deps, caller)).find((p) => p.id === company.id);
  if (!added) throw new Error(`partner ${company.id} was pinned but is not listed`);
  return added;
}
