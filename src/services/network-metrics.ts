// Use case: the node's network metrics in Prometheus text format (for GET /metrics).
import type { Deps } from './deps.ts';

/** The exposition text: in-process counters plus the outbox depth per peer read from the store. */
export async function networkMetricsText(deps: Deps): Promise<string> {
  return deps.network.metrics.render(await deps.store.outbox.depthByPeer());
}
