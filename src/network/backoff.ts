// Retry timing: exponential backoff with full jitter, and a circuit breaker per peer.

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/** Delay before retry number `attempt` (0-based): random in [0, min(cap, base·2^attempt)]. */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random) {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/**
 * Opens after `threshold` consecutive failures to one peer and stays open for `cooldownMs`; then one
 * attempt may pass (half-open): success closes it, failure opens it again.
 */
export class CircuitBreaker {
  readonly #threshold: number;
  readonly #cooldownMs: number;
  readonly #peers = new Map<string, { failures: number; openUntil: number }>();

  constructor(threshold: number, cooldownMs: number) {
    this.#threshold = threshold;
    this.#cooldownMs = cooldownMs;
  }

  /** When the breaker of `peer` is open at `now`: the instant it half-opens; otherwise null. */
  blockedUntil(peer: string, now: number): number | null {
    const s = this.#peers.get(peer);
    return s && s.openUntil > now ? s.openUntil : null;
  }

  success(peer: string): void {
    this.#peers.delete(peer);
  }

  failure(peer: string, now: number): void {
    const s = this.#peers.get(peer) ?? { failures: 0, openUntil: 0 };
    s.failures += 1;
    if (s.failures >= this.#threshold) s.openUntil = now + this.#cooldownMs;
    this.#peers.set(peer, s);
  }
}
