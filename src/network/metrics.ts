// Network metrics in the Prometheus text exposition format (version 0.0.4), written by hand: counters
// and one histogram kept in memory per process; gauges (outbox depth) are read from the store on scrape.

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Labels = Record<string, string>;

const labelText = (labels: Labels): string => {
  const parts = Object.entries(labels).map(
    ([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
  );
  return parts.length ? `{${parts.join(',')}}` : '';
};

class Counter {
  readonly #values = new Map<string, { labels: Labels; value: number }>();
  inc(labels: Labels = {}, by = 1): void {
    const key = labelText(labels);
    const entry = this.#values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.#values.set(key, entry);
  }
  get(labels: Labels = {}): number {
    return this.#values.get(labelText(labels))?.value ?? 0;
  }
  lines(name: string): string[] {
    return [...this.#values.values()].map((e) => `${name}${labelText(e.labels)} ${e.value}`);
  }
}

class Histogram {
  readonly #counts = LATENCY_BUCKETS.map(() => 0);
  #sum = 0;
  #count = 0;
  observe(seconds: number): void {
    LATENCY_BUCKETS.forEach((b, i) => {
      if (seconds <= b) this.#counts[i]! += 1;
    });
    this.#sum += seconds;
    this.#count += 1;
  }
  get count(): number {
    return this.#count;
  }
  lines(name: string): string[] {
    return [
      ...LATENCY_BUCKETS.map((b, i) => `${name}_bucket{le="${b}"} ${this.#counts[i]}`),
      `${name}_bucket{le="+Inf"} ${this.#count}`,
      `${name}_sum ${this.#sum}`,
      `${name}_count ${this.#count}`,
    ];
  }
}

/** The network metrics of one node process. */
export class NetworkMetrics {
  readonly deliveries = new Counter();
  readonly retries = new Counter();
  readonly deadLetters = new Counter();
  readonly declined = new Counter();
  readonly rejectedInbound = new Counter();
  readonly receivedInbound = new Counter();
  readonly deliveryLatency = new Histogram();

  /** The exposition text; `depth` is the current outbox depth per peer participant. */
  render(depth: { peer: string; depth: number }[]): string {
    const block = (name: string, type: string, help: string, lines: string[]) => [
      `# HELP ${name} ${help}`,
      `# TYPE ${name} ${type}`,
      ...lines,
    ];
    return (
      [
        ...block(
          'schakel_outbox_depth',
          'gauge',
          'Envelopes waiting for delivery, per peer.',
          depth.map((d) => `schakel_outbox_depth${labelText({ peer: d.peer })} ${d.depth}`),
        ),
        ...block(
          'schakel_delivery_latency_seconds',
          'histogram',
          'Time from sending an envelope to receiving its receipt.',
          this.deliveryLatency.lines('schakel_delivery_latency_seconds'),
        ),
        ...block(
          'schakel_deliveries_total',
          'counter',
          'Envelopes delivered (receipt stored), per peer.',
          this.deliveries.lines('schakel_deliveries_total'),
        ),
        ...block(
          'schakel_delivery_retries_total',
          'counter',
          'Failed delivery attempts that will be retried, per peer.',
          this.retries.lines('schakel_delivery_retries_total'),
        ),
        ...block(
          'schakel_dead_letters_total',
          'counter',
          'Envelopes given up on (dead letter), per peer.',
          this.deadLetters.lines('schakel_dead_letters_total'),
        ),
        ...block(
          'schakel_key_announcements_declined_total',
          'counter',
          'Key announcements a peer declined because it does not pin the sender (final, not retried), per peer.',
          this.declined.lines('schakel_key_announcements_declined_total'),
        ),
        ...block(
          'schakel_inbound_received_total',
          'counter',
          'Envelopes accepted from partners, by outcome.',
          this.receivedInbound.lines('schakel_inbound_received_total'),
        ),
        ...block(
          'schakel_inbound_rejected_total',
          'counter',
          'Envelopes refused at transport level, by reason.',
          this.rejectedInbound.lines('schakel_inbound_rejected_total'),
        ),
      ].join('\n') + '\n'
    );
  }
}
