// Use case: the node's network metrics in Prometheus text format (for GET /metrics).
import type { Deps } from '../deps.ts';

/** The exposition text: in-process counters plus the outbox depth per peer read from the store. */
export async function networkMetricsText(deps: Deps): Promise<string> {
  return deps.network.metrics.render(await deps.store.outbox.depthByPeer());
}

/**
 * Counts an inbound message refused before its envelope could be opened (an oversized body), so that
 * every refusal shows in schakel_inbound_rejected_total{reason}.
 */
export function countRejectedInbound(deps: Deps, reason: 'oversized'): void {
  deps.network.metrics.rejectedInbound.inc({ reason });
}
