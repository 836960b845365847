// Outbox delivery settings from the environment of `schakel start`: unset keeps the worker defaults,
// set values reach the worker, a bad value is refused with the variable's name.
import { describe, expect, it } from 'vitest';
import { deliverySettingsFromEnv } from '../../src/cli/delivery-settings.ts';
import { CircuitBreaker } from '../../src/network/backoff.ts';

describe('deliverySettingsFromEnv', () => {
  it('sets nothing when no variable is set', () => {
    expect(deliverySettingsFromEnv({})).toEqual({});
    expect(deliverySettingsFromEnv({ SCHAKEL_RETRY_BASE_MS: '  ' })).toEqual({});
  });

  it('passes interval, batch, backoff, dead-letter age and breaker to the node', () => {
    const s = deliverySettingsFromEnv({
      SCHAKEL_DELIVERY_INTERVAL_MS: '50',
      SCHAKEL_DELIVERY_BATCH: '100',
      SCHAKEL_RETRY_BASE_MS: '20',
      SCHAKEL_RETRY_CAP_MS: '2000',
      SCHAKEL_DEAD_LETTER_AFTER_MS: '120000',
      SCHAKEL_BREAKER_THRESHOLD: '3',
      SCHAKEL_BREAKER_COOLDOWN_MS: '1000',
    });
    expect(s).toMatchObject({
      deliveryIntervalMs: 50,
      outbox: { batch: 100, backoff: { baseMs: 20, capMs: 2000 }, deadAfterMs: 120_000 },
    });
    // The breaker opens after 3 failures and half-opens 1 s later.
    const breaker = s.outbox!.breaker!;
    expect(breaker).toBeInstanceOf(CircuitBreaker);
    breaker.failure('p', 0);
    breaker.failure('p', 0);
    expect(breaker.blockedUntil('p', 0)).toBeNull();
    breaker.failure('p', 0);
    expect(breaker.blockedUntil('p', 0)).toBe(1000);
  });

  it('keeps the default for the half of the backoff that is not set', () => {
    expect(deliverySettingsFromEnv({ SCHAKEL_RETRY_BASE_MS: '10' }).outbox?.backoff).toEqual({
      baseMs: 10,
      capMs: 300_000,
    });
  });

  it('refuses a value that is not a whole number, naming the variable', () => {
    expect(() => deliverySettingsFromEnv({ SCHAKEL_RETRY_BASE_MS: '1s' })).toThrow(
      /SCHAKEL_RETRY_BASE_MS \(base of the exponential backoff\) must be a whole number ≥ 1, got "1s"/,
    );
    expect(() => deliverySettingsFromEnv({ SCHAKEL_DELIVERY_INTERVAL_MS: '0' })).toThrow(
      /SCHAKEL_DELIVERY_INTERVAL_MS/,
    );
    expect(() => deliverySettingsFromEnv({ SCHAKEL_BREAKER_THRESHOLD: '-1' })).toThrow(
      /SCHAKEL_BREAKER_THRESHOLD/,
    );
  });
});
