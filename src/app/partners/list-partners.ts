// Use case: the partner companies the caller can trade with, with how its documents to each fared.
import { requirePermission, type Company } from '../../domain/company-types.ts';
import { fingerprint } from '../../network/keys.ts';
import type { Caller, Deps } from '../deps.ts';

/** How the caller's documents to a partner fared (all zero when nothing was sent over the network). */
export interface PartnerDelivery {
  delivered: number;
  pending: number;
  dead: number;
  /** Key announcements the partner's node declined: it does not pin this company (not a failure). */
  declined: number;
  lastDeliveredAt: string | null;
}

/** Where a partner hosted on another node lives and which of its keys this node pinned. */
export interface RemoteNode {
  participant: string;
  endpointUrl: string;
  /** Fingerprints of the pinned keys, newest first. */
  fingerprints: string[];
  addedAt: string;
}

export type Partner = Company & { delivery: PartnerDelivery; remote: RemoteNode | null };

/** Other companies that can be ordered from or sold to, with the delivery status of documents sent to them. */
export async function listPartners(deps: Deps, caller: Caller): Promise<Partner[]> {
  requirePermission(caller.role, 'read');
  const delivery = new Map(
    (await deps.store.outbox.deliveryByPeer(caller.companyId)).map((d) => [d.peerCompanyId, d] as const),
  );
  const remote = new Map<string, RemoteNode>();
  for (const p of await deps.store.partners.listRemote()) {
    const keys = await deps.store.partners.keys(p.companyId);
    remote.set(p.companyId, {
      participant: p.participant,
      endpointUrl: p.endpointUrl,
      fingerprints: await Promise.all(keys.map((k) => fingerprint(k.publicJwk))),
      addedAt: p.addedAt,
    });
  }
  return (await deps.store.companies.list())
    .filter((c) => c.id !== caller.companyId)
    .map((c) => {
      const d = delivery.get(c.id);
      return {
        ...c,
        remote: remote.get(c.id) ?? null,
        delivery: {
          delivered: d?.delivered ?? 0,
          pending: d?.pending ?? 0,
          dead: d?.dead ?? 0,
          declined: d?.declined ?? 0,
          lastDeliveredAt: d?.lastDeliveredAt ?? null,
        },
      };
    });
}
