// Deterministic randomness for the reliability suite: the same seed gives the same sequence of faults,
// so a failing run can be repeated exactly (the seed is printed when a test fails).

/** A source of numbers in [0, 1) with the seed that produced it. */
export interface SeededRandom {
  readonly seed: number;
  /** The next number in [0, 1). */
  next(): number;
  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number;
}

/** The seed to use: $FAULT_SEED when set (to repeat a failed run), else a fresh random one. */
export function chooseSeed(env: string | undefined = process.env.FAULT_SEED): number {
  if (env !== undefined && env.trim() !== '') {
    const seed = Number(env);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
      throw new Error(`FAULT_SEED must be a whole number from 0 to 4294967295, got "${env}"`);
    }
    return seed;
  }
  return Math.floor(Math.random() * 0x1_0000_0000);
}

/** mulberry32: tiny, fast and good enough to spread faults; not for cryptography. */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
  return {
    seed: seed >>> 0,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
  };
}
