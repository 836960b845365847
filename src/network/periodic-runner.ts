// A background job of the running node that works through what is due in the store, one round at a
// time, every `intervalMs` (the directory refresher; the outbox worker has its own loop with wake-ups).
// Rounds never overlap; a failing round is counted as empty and the next one runs at the next tick.

/** Runs `round` (which returns how much it did) periodically until stop(). */
export class PeriodicRunner {
  readonly #round: () => Promise<number>;
  #running: Promise<number> | null = null;
  #loop: Promise<void> | null = null;
  #stopped = false;
  #wakeUp: (() => void) | null = null;

  constructor(round: () => Promise<number>) {
    this.#round = round;
  }

  /** One round now (or the one already running); returns how much it did. */
  runOnce(): Promise<number> {
    this.#running ??= this.#round().finally(() => (this.#running = null));
    return this.#running;
  }

  /** Rounds until one does nothing (tests and shutdown use this). */
  async drain(maxRounds = 50): Promise<void> {
    for (let i = 0; i < maxRounds; i++) if ((await this.runOnce()) === 0) return;
  }

  /** Runs a round every `intervalMs` until stop(); errors of a round do not stop the loop. */
  start(intervalMs: number): void {
    if (this.#loop) return;
    this.#stopped = false;
    this.#loop = (async () => {
      while (!this.#stopped) {
        await this.runOnce().catch(() => 0);
        if (this.#stopped) break;
        await this.#sleep(intervalMs);
      }
    })();
  }

  /** Ends the loop after the round in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wakeUp?.();
    await this.#loop;
    this.#loop = null;
    await this.#running?.catch(() => undefined);
  }

  /** Waits `ms` or until stop(); the timer does not keep the process alive. */
  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.#wakeUp = done;
      if (this.#stopped) done();
    });
  }
}
