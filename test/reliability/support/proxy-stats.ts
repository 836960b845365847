// Counters of what the fault proxy did, shared by the proxy and its connections.
import { FAULT_KINDS, type ChosenFault, type FaultKind } from './fault-plan.ts';

export interface FaultProxyStats {
  /** Client connections accepted. */
  connections: number;
  /** Requests recognised (framed by Content-Length). */
  requests: number;
  /** Faults that took effect, by kind (a reset counts once it happened, not when it was chosen). */
  faults: Record<FaultKind, number>;
  /** Connections the proxy could not frame (chunked upload, huge head) and passed through from there on. */
  unframed: number;
  /** Replayed requests the upstream answered completely. */
  duplicateResponses: number;
  /** Connections to the upstream that failed (refused, reset by the upstream). */
  upstreamErrors: number;
  bytesToUpstream: number;
  bytesToClient: number;
}

/** One decision, in the order requests arrived. */
export interface FaultDecision {
  connection: number;
  /** 1-based number of the request over all connections. */
  request: number;
  /** "POST /api/v1/…" */
  requestLine: string;
  fault: ChosenFault;
  /** True when the fault came from `enqueue`, false when drawn from the plan. */
  scripted: boolean;
}

export function emptyStats(): FaultProxyStats {
  return {
    connections: 0,
    requests: 0,
    faults: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>,
    unframed: 0,
    duplicateResponses: 0,
    upstreamErrors: 0,
    bytesToUpstream: 0,
    bytesToClient: 0,
  };
}
