// The delivery worker: claims due outbox rows (FOR UPDATE SKIP LOCKED, so several node processes on one
// PostgreSQL share the work), POSTs each envelope to the partner's inbox, and stores the signed receipt
// as proof of delivery. Failures are retried with exponential backoff and full jitter; a circuit breaker
// per peer stops hammering a node that is down; a message older than `deadAfterMs` goes to dead letter.
import type { OutboxMessage } from '../storage/outbox-repository.ts';
import type { Store } from '../storage/store.ts';
import { backoffDelay, CircuitBreaker, type BackoffPolicy } from './backoff.ts';
import { envelopeSentAt, resealEnvelope } from './envelope.ts';
import { KEY_ANNOUNCEMENT_TYPE } from './key-announcement.ts';
import type { HttpTransport } from './http-transport.ts';
import { signingKeyAt } from './keys.ts';
import type { NetworkMetrics } from './metrics.ts';
import { verifyReceipt } from './receipt.ts';

export interface OutboxWorkerOptions {
  store: Store;
  transport: HttpTransport;
  metrics: NetworkMetrics;
  now?: () => Date;
  backoff?: BackoffPolicy;
  /** A message not delivered within this time after it was written goes to dead letter. */
  deadAfterMs?: number;
  breaker?: CircuitBreaker;
  /** Rows claimed per round. */
  batch?: number;
  /**
   * Deliveries in flight at once within a round. Messages of one conversation still go one after the
   * other in their order; different conversations go in parallel.
   */
  parallel?: number;
  /** How long a claimed row is reserved for this worker. */
  leaseMs?: number;
  random?: () => number;
  /**
   * An envelope signed longer ago than this is signed again with a fresh sentAt before it is sent, so
   * that a backlog is not refused by the receiver's time window (±5 min); default 60 s.
   */
  refreshAfterMs?: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000 };

/** A receiver's refusal (problem+json): its detail text and, when it names one, its reason code. */
const refusalOf = (body: string): { detail: string; reason: string | null } => {
  try {
    const p = JSON.parse(body) as { detail?: unknown; reason?: unknown };
    return {
      detail: typeof p.detail === 'string' ? p.detail : body.slice(0, 200),
      reason: typeof p.reason === 'string' ? p.reason : null,
    };
  } catch {
    return { detail: body.slice(0, 200), reason: null };
  }
};

/**
 * Whether a refusal is a final answer rather than a failure: a key announcement refused because the
 * receiving node does not pin the sender. That node does not trade with the company; when it pins it
 * later, it fetches the card, which already carries the new keys. Any other document refused this way
 * (an order to a node that does not know the sender) stays a failure that is retried.
 */
const isDeclined = (m: OutboxMessage, status: number, reason: string | null): boolean =>
  m.documentType === KEY_ANNOUNCEMENT_TYPE && status === 401 && reason === 'unknown_sender';

interface PeerLookups {
  remote(companyId: string): ReturnType<Store['partners']['getRemote']>;
  keys(companyId: string): ReturnType<Store['partners']['keys']>;
}

export class OutboxWorker {
  readonly #o: Required<Omit<OutboxWorkerOptions, 'breaker'>> & { breaker: CircuitBreaker };
  #running: Promise<number> | null = null;
  /** The loop started by start(), until stop(). */
  #loop: Promise<void> | null = null;
  #stopped = false;
  /** Set by wake(): run another round right away instead of sleeping. */
  #woken = false;
  #wakeUp: (() => void) | null = null;

  constructor(options: OutboxWorkerOptions) {
    this.#o = {
      now: () => new Date(),
      backoff: DEFAULT_BACKOFF,
      deadAfterMs: 24 * 60 * 60_000,
      breaker: new CircuitBreaker(5, 30_000),
      batch: 20,
      parallel: 8,
      leaseMs: 60_000,
      random: Math.random,
      refreshAfterMs: 60_000,
      ...options,
    };
  }

  /** One round: claims due messages and tries each once; returns how many were attempted. */
  runOnce(): Promise<number> {
    // Rounds of one worker never overlap (a slow round and a timer tick).
    this.#running ??= this.#round().finally(() => (this.#running = null));
    return this.#running;
  }

  /** Rounds until nothing is due (tests and shutdown use this). */
  async drain(maxRounds = 50): Promise<void> {
    for (let i = 0; i < maxRounds; i++) if ((await this.runOnce()) === 0) return;
  }

  /**
   * Runs rounds until stop(): right after a round that claimed a full batch (more may be due) or when
   * wake() was called, otherwise after `intervalMs` — the poll that catches retries that became due and
   * messages written by a path that does not wake the worker.
   */
  start(intervalMs = 500): void {
    if (this.#loop) return;
    this.#stopped = false;
    this.#loop = (async () => {
      while (!this.#stopped) {
        const attempted = await this.runOnce().catch(() => 0);
        if (this.#stopped) break;
        if (attempted >= this.#o.batch || this.#woken) {
          this.#woken = false;
          continue;
        }
        await this.#sleep(intervalMs);
      }
    })();
  }

  /**
   * A message was just written (its transaction committed): deliver it now rather than at the next poll.
   * Without start() this does nothing (tests drive the worker with runOnce() and drain()).
   */
  wake(): void {
    if (!this.#loop) return;
    this.#woken = true;
    this.#wakeUp?.();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wakeUp?.();
    await this.#loop;
    this.#loop = null;
    await this.#running?.catch(() => undefined);
  }

  /** Waits `ms` or until wake()/stop(); the timer does not keep the process alive. */
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
      // A wake() that came while the round ran ends the sleep at once.
      if (this.#woken || this.#stopped) done();
    });
  }

  async #round(): Promise<number> {
    const now = this.#o.now();
    const lease = new Date(now.getTime() + this.#o.leaseMs).toISOString();
    const claimed = await this.#o.store.outbox.claimDue(now.toISOString(), lease, this.#o.batch);
    // Key announcements go first, one by one: the partner must know a new key before it sees the
    // envelopes signed with it (otherwise those are refused as unknown_key and wait for a retry).
    const announcements = claimed.filter((m) => m.documentType === KEY_ANNOUNCEMENT_TYPE);
    for (const m of announcements) await this.#deliver(m, this.#peers());
    // One lane per conversation (claimDue returns them oldest first, so each lane is in seq order).
    const lanes = new Map<string, OutboxMessage[]>();
    for (const m of claimed)
      if (m.documentType !== KEY_ANNOUNCEMENT_TYPE)
        lanes.set(m.conversationId, [...(lanes.get(m.conversationId) ?? []), m]);
    const queue = [...lanes.values()];
    // Within a round each partner's node entry and pinned keys are read once, not once per message.
    const peers = this.#peers();
    const worker = async (): Promise<void> => {
      for (let lane = queue.shift(); lane; lane = queue.shift())
        for (const m of lane) await this.#deliver(m, peers);
    };
    const results = await Promise.allSettled(
      Array.from({ length: Math.min(this.#o.parallel, queue.length) }, worker),
    );
    // A store failure ends the round only after every delivery in flight has finished.
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return claimed.length;
  }

  /**
   * The envelope to send at `now`: as stored, or — when it was signed more than refreshAfterMs ago —
   * the same message signed again with a fresh sentAt by the key that signed it (valid at createdAt).
   */
  async #fresh(m: OutboxMessage, now: number): Promise<string> {
    let sentAt: number;
    try {
      sentAt = Date.parse(envelopeSentAt(m.envelope));
    } catch {
      // Not an envelope this node can read (never written by this node): the receiver refuses it.
      return m.envelope;
    }
    if (now - sentAt < this.#o.refreshAfterMs) return m.envelope;
    const key = signingKeyAt(await this.#o.store.partners.keys(m.companyId), m.createdAt);
    // Without a private key valid then, the stored envelope goes as it is and the receiver decides.
    if (!key?.privateJwk) return m.envelope;
    return resealEnvelope(m.envelope, key, new Date(now).toISOString());
  }

  /** Lookups of partners' node entries and pinned keys, shared by the deliveries of one round. */
  #peers(): PeerLookups {
    const { store } = this.#o;
    const remote = new Map<string, ReturnType<typeof store.partners.getRemote>>();
    const keys = new Map<string, ReturnType<typeof store.partners.keys>>();
    const memo = <T>(map: Map<string, T>, id: string, load: () => T): T => {
      if (!map.has(id)) map.set(id, load());
      return map.get(id)!;
    };
    return {
      remote: (id) => memo(remote, id, () => store.partners.getRemote(id)),
      keys: (id) => memo(keys, id, () => store.partners.keys(id)),
    };
  }

  async #deliver(m: OutboxMessage, peers: PeerLookups): Promise<void> {
    const { store, transport, metrics, breaker } = this.#o;
    const partner = await peers.remote(m.peerCompanyId);
    const peer = partner?.participant ?? m.peerCompanyId;
    const start = this.#o.now().getTime();
    const blocked = breaker.blockedUntil(peer, start);
    if (blocked !== null) {
      // Not an attempt: the message waits until the breaker lets one through.
      await store.outbox.holdForBreaker(m.id, new Date(blocked).toISOString(), new Date(start).toISOString());
      return;
    }
    let error: string;
    // The receiver's HTTP status when it answered and refused, for the delivery timeline.
    let refused: { httpStatus: number; reason: string } | null = null;
    try {
      const envelope = await this.#fresh(m, start);
      const response = await transport.postEnvelope(partner?.endpointUrl ?? m.endpointUrl, envelope);
      if (response.status === 200) {
        const { receipt } = JSON.parse(response.body) as { receipt: string };
        const sha = JSON.parse(Buffer.from(m.envelope.split('.')[0]!, 'base64url').toString()) as {
          payloadSha256: string;
        };
        const verified = await verifyReceipt(receipt, await peers.keys(m.peerCompanyId), {
          messageId: m.id,
          payloadSha256: sha.payloadSha256,
        });
        const done = this.#o.now();
        await store.outbox.markDelivered(m.id, receipt, done.toISOString(), verified);
        breaker.success(peer);
        metrics.deliveries.inc({ peer });
        metrics.deliveryLatency.observe(Math.max(0, done.getTime() - Date.parse(m.createdAt)) / 1000);
        return;
      }
      const { detail, reason } = refusalOf(response.body);
      refused = { httpStatus: response.status, reason: detail };
      error = `HTTP ${response.status}: ${detail}`;
      if (isDeclined(m, response.status, reason)) {
        const at = this.#o.now().toISOString();
        await store.outbox.markDeclined(m.id, error, { at, ...refused }, reason!);
        // The peer answered: it is up, whatever it thinks of this sender.
        breaker.success(peer);
        metrics.declined.inc({ peer });
        return;
      }
    } catch (e) {
      error = (e as Error).message || String(e);
    }
    const now = this.#o.now();
    const failure = { at: now.toISOString(), httpStatus: null, reason: error, ...refused };
    breaker.failure(peer, now.getTime());
    // The age counts from a person's resend, if any, so that a resend gets a full retry budget.
    if (now.getTime() - Date.parse(m.requeuedAt ?? m.createdAt) >= this.#o.deadAfterMs) {
      await store.outbox.markDead(m.id, error, failure);
      metrics.deadLetters.inc({ peer });
      return;
    }
    const delay = backoffDelay(this.#o.backoff, m.attempts, this.#o.random);
    await store.outbox.markRetry(m.id, error, new Date(now.getTime() + delay).toISOString(), failure);
    metrics.retries.inc({ peer });
  }
}
