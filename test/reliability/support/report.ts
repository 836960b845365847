// The report every reliability scenario prints: sent / delivered / duplicates suppressed / retries /
// time to drain, plus anything scenario-specific (faults injected, restarts), as an aligned block
// that reads well in CI logs.

export interface ScenarioReport {
  /** e.g. "receiver killed with SIGKILL". */
  scenario: string;
  /** Documents handed to the sending node. */
  sent: number;
  /** Documents that arrived exactly once at the receiving node. */
  delivered: number;
  /** Deliveries the receiver recognised as already received and did not store again. */
  duplicatesSuppressed: number;
  /** Delivery attempts beyond the first, summed over all documents. */
  retries: number;
  /** From the moment the disturbance ended until nothing was left undelivered; null when it never drained. */
  drainMs: number | null;
  /** Further figures worth printing, e.g. { seed: 1234, restarts: 7 }. */
  extra?: Record<string, string | number>;
}

/** Throws a clear error for a report whose numbers cannot be right (negative, fractional, more delivered than sent). */
export function checkReport(report: ScenarioReport): void {
  for (const key of ['sent', 'delivered', 'duplicatesSuppressed', 'retries'] as const) {
    const value = report[key];
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`${report.scenario}: ${key} must be a whole number ≥ 0, got ${value}`);
    }
  }
  if (report.delivered > report.sent) {
    throw new Error(`${report.scenario}: delivered (${report.delivered}) exceeds sent (${report.sent})`);
  }
  if (report.drainMs !== null && !(report.drainMs >= 0)) {
    throw new Error(`${report.scenario}: drainMs must be ≥ 0 or null, got ${report.drainMs}`);
  }
}

/** 850 ms, 4.2 s, 2 min 5 s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

/** The report as lines of "label  value", values right-aligned. */
export function formatReport(report: ScenarioReport): string {
  checkReport(report);
  const undelivered = report.sent - report.delivered;
  const rows: [string, string][] = [
    ['sent', String(report.sent)],
    ['delivered', String(report.delivered)],
    ['undelivered', String(undelivered)],
    ['duplicates suppressed', String(report.duplicatesSuppressed)],
    ['retries', String(report.retries)],
    ['time to drain', report.drainMs === null ? 'did not drain' : formatDuration(report.drainMs)],
    ...Object.entries(report.extra ?? {}).map(([k, v]): [string, string] => [k, String(v)]),
  ];
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  return [
    `scenario: ${report.scenario}`,
    ...rows.map(([label, value]) => `  ${label.padEnd(labelWidth)}  ${value.padStart(valueWidth)}`),
  ].join('\n');
}

/** Prints the report (to stdout by default, where vitest shows it next to the test). */
export function printReport(report: ScenarioReport, write: (text: string) => void = console.info): void {
  write(formatReport(report));
}

/**
 * Polls `drained` until it says true and returns how long that took (the "time to drain"); null when
 * `timeoutMs` passed first.
 */
export async function timeToDrain(
  drained: () => Promise<boolean> | boolean,
  { timeoutMs = 60_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started <= timeoutMs) {
    if (await drained()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return null;
}
