// The scenario report: aligned figures, the undelivered count derived, impossible numbers refused.
import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatReport,
  printReport,
  timeToDrain,
  type ScenarioReport,
} from './support/report.ts';

const report: ScenarioReport = {
  scenario: 'receiver killed with SIGKILL',
  sent: 2000,
  delivered: 1998,
  duplicatesSuppressed: 37,
  retries: 112,
  drainMs: 4210,
  extra: { seed: 1234, restarts: 7 },
};

describe('scenario report', () => {
  it('prints every figure right-aligned, with the undelivered count', () => {
    // Labels padded to the longest ("duplicates suppressed", 21), values to the widest ("4.2 s", 5).
    expect(formatReport(report)).toBe(
      [
        'scenario: receiver killed with SIGKILL',
        '  sent                    2000',
        '  delivered               1998',
        '  undelivered                2',
        '  duplicates suppressed     37',
        '  retries                  112',
        '  time to drain          4.2 s',
        '  seed                    1234',
        '  restarts                   7',
      ].join('\n'),
    );
  });

  it('says so when the backlog never drained', () => {
    expect(formatReport({ ...report, delivered: 2000, drainMs: null, extra: {} })).toMatch(
      /undelivered\s+0\n.*\n.*\n {2}time to drain\s+did not drain$/,
    );
  });

  it('refuses numbers that cannot be right', () => {
    expect(() => formatReport({ ...report, delivered: 2001 })).toThrow(
      /delivered \(2001\) exceeds sent \(2000\)/,
    );
    expect(() => formatReport({ ...report, retries: -1 })).toThrow(/retries must be a whole number/);
    expect(() => formatReport({ ...report, sent: 1.5 })).toThrow(/sent must be a whole number/);
    expect(() => formatReport({ ...report, drainMs: Number.NaN })).toThrow(/drainMs/);
  });

  it('formats durations for people', () => {
    expect(formatDuration(850.4)).toBe('850 ms');
    expect(formatDuration(4210)).toBe('4.2 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });

  it('prints through the given writer', () => {
    const written: string[] = [];
    printReport(report, (t) => written.push(t));
    expect(written).toEqual([formatReport(report)]);
  });

  it('measures the time until a condition holds, or gives up', async () => {
    let polls = 0;
    const ms = await timeToDrain(() => ++polls >= 3, { intervalMs: 10 });
    expect(polls).toBe(3);
    expect(ms).toBeGreaterThanOrEqual(15);
    expect(await timeToDrain(() => false, { timeoutMs: 30, intervalMs: 10 })).toBeNull();
  });
});
