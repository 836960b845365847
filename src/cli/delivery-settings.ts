// Outbox delivery settings of `schakel start` from environment variables: operators tune them, and the
// reliability suite compresses time with them (retries in milliseconds, dead letter after seconds)
// without a code path that only tests take. Unset variables keep the OutboxWorker defaults.
import { CircuitBreaker } from '../network/backoff.ts';
import { DEFAULT_BACKOFF } from '../network/outbox-worker.ts';
import { CliError } from './cli-errors.ts';
import type { StartNodeOptions } from './start-node.ts';

/** The variables, with what each sets (also the text of the error for a bad value). */
export const DELIVERY_ENV = {
  SCHAKEL_DELIVERY_INTERVAL_MS: 'how often the outbox worker looks for envelopes to deliver',
  SCHAKEL_DELIVERY_BATCH: 'envelopes claimed per round',
  SCHAKEL_RETRY_BASE_MS: 'base of the exponential backoff',
  SCHAKEL_RETRY_CAP_MS: 'longest wait between two attempts',
  SCHAKEL_DEAD_LETTER_AFTER_MS: 'age after which an undelivered envelope goes to dead letter',
  SCHAKEL_BREAKER_THRESHOLD: 'consecutive failures that open the circuit breaker of a peer',
  SCHAKEL_BREAKER_COOLDOWN_MS: 'how long an open circuit breaker waits before it lets one attempt through',
} as const;

type DeliveryVariable = keyof typeof DELIVERY_ENV;

/** The whole number in `name`, undefined when unset; a clear error for anything else. */
function whole(env: NodeJS.ProcessEnv, name: DeliveryVariable, min: number): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || !Number.isSafeInteger(n))
    throw new CliError(`${name} (${DELIVERY_ENV[name]}) must be a whole number ≥ ${min}, got "${raw}"`);
  return n;
}

/** startNode options from SCHAKEL_DELIVERY_* / SCHAKEL_RETRY_* / … variables; {} when none is set. */
export function deliverySettingsFromEnv(
  env: NodeJS.ProcessEnv,
): Pick<StartNodeOptions, 'deliveryIntervalMs' | 'outbox'> {
  const interval = whole(env, 'SCHAKEL_DELIVERY_INTERVAL_MS', 1);
  const batch = whole(env, 'SCHAKEL_DELIVERY_BATCH', 1);
  const baseMs = whole(env, 'SCHAKEL_RETRY_BASE_MS', 1);
  const capMs = whole(env, 'SCHAKEL_RETRY_CAP_MS', 1);
  const deadAfterMs = whole(env, 'SCHAKEL_DEAD_LETTER_AFTER_MS', 1);
  const threshold = whole(env, 'SCHAKEL_BREAKER_THRESHOLD', 1);
  const cooldownMs = whole(env, 'SCHAKEL_BREAKER_COOLDOWN_MS', 0);
  const outbox: NonNullable<StartNodeOptions['outbox']> = {
    ...(batch !== undefined ? { batch } : {}),
    ...(deadAfterMs !== undefined ? { deadAfterMs } : {}),
    ...(baseMs !== undefined || capMs !== undefined
      ? { backoff: { baseMs: baseMs ?? DEFAULT_BACKOFF.baseMs, capMs: capMs ?? DEFAULT_BACKOFF.capMs } }
      : {}),
    // The worker's defaults are 5 failures and 30 s; either may be set alone.
    ...(threshold !== undefined || cooldownMs !== undefined
      ? { breaker: new CircuitBreaker(threshold ?? 5, cooldownMs ?? 30_000) }
      : {}),
  };
  return {
    ...(interval !== undefined ? { deliveryIntervalMs: interval } : {}),
    ...(Object.keys(outbox).length ? { outbox } : {}),
  };
}
