// The loop behind the node's directory refresher: rounds on a timer that never overlap, a failing round
// that does not end the loop, drain until nothing is left, and a stop that waits for the round in flight.
import { describe, expect, it } from 'vitest';
import { PeriodicRunner } from '../../src/network/periodic-runner.ts';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PeriodicRunner', () => {
  it('runs rounds on its interval, one at a time, and keeps going after a failing round', async () => {
    let active = 0;
    let overlap = false;
    let rounds = 0;
    const runner = new PeriodicRunner(async () => {
      overlap ||= active > 0;
      active++;
      rounds++;
      await tick(5);
      active--;
      if (rounds === 2) throw new Error('store down');
      return 0;
    });
    runner.start(10);
    // A round asked for while one runs is that same round.
    void runner.runOnce().catch(() => undefined);
    await tick(200);
    await runner.stop();
    const after = rounds;
    expect(after).toBeGreaterThanOrEqual(4);
    expect(overlap).toBe(false);
    await tick(50);
    expect(rounds).toBe(after);
  });

  it('drains until a round does nothing, and stops at once while it sleeps', async () => {
    const work = [3, 2, 0, 5];
    const runner = new PeriodicRunner(() => Promise.resolve(work.shift() ?? 0));
    await runner.drain();
    expect(work).toEqual([5]);
    runner.start(60_000);
    await tick(10);
    const started = Date.now();
    await runner.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(work).toEqual([]);
  });
});
