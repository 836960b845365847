// A fault-injecting TCP proxy for HTTP/1.1 on loopback: clients connect to the proxy, the proxy
// forwards to an upstream server and, per request, passes it through or injects a fault from its
// plan (delay, dropped connection, reset in the request or response, truncated response, duplicated
// request). The plan can change while traffic flows; choices are drawn from a seeded random source so
// a failing run can be repeated with FAULT_SEED=<seed>.
//
//   const proxy = await startFaultProxy({ upstreamPort: node.port, plan: [
//     { fault: { kind: 'pass' }, weight: 8 },
//     { fault: { kind: 'reset-response', afterBytes: [0, 200] }, weight: 1 },
//   ] });
//   onTestFailed(() => console.error(proxy.summary()));
//   … send to proxy.url …
//   await proxy.close();
//
// Requests are framed by Content-Length (chunked uploads fall back to pass-through for the rest of
// their connection). Responses need no framing, because HTTP/1.1 clients without pipelining send a
// request only after the previous response has arrived: upstream bytes after request k started belong
// to response k.
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  checkFault,
  checkPlan,
  chooseFault,
  describeFault,
  resolveFault,
  type ChosenFault,
  type Fault,
  type FaultPlan,
} from './fault-plan.ts';
import { ProxiedConnection } from './proxied-connection.ts';
import { emptyStats, type FaultDecision, type FaultProxyStats } from './proxy-stats.ts';
import { chooseSeed, seededRandom, type SeededRandom } from './seeded-random.ts';

export interface FaultProxyOptions {
  upstreamPort: number;
  /** Default 127.0.0.1. */
  upstreamHost?: string;
  /** Port to listen on (127.0.0.1); default a free one. */
  port?: number;
  /** Default: $FAULT_SEED, else random. Printed by `summary()`. */
  seed?: number;
  /** Default: pass everything through. */
  plan?: FaultPlan;
}

/** What a connection needs from its proxy. */
export interface ProxyContext {
  readonly upstreamPort: number;
  readonly upstreamHost: string;
  readonly stats: FaultProxyStats;
  /** Decides the fault for the next request (and logs the decision). */
  decide(connection: number, requestLine: string): ChosenFault;
  /** Sockets to destroy on close. */
  track(socket: Socket): void;
}

export class FaultProxy {
  readonly url: string;
  readonly port: number;
  readonly seed: number;
  /** Every decision so far, in arrival order. */
  readonly decisions: FaultDecision[] = [];
  private readonly server: Server;
  private readonly random: SeededRandom;
  private readonly counters: FaultProxyStats;
  private readonly sockets = new Set<Socket>();
  private plan: FaultPlan = [];
  private readonly script: ChosenFault[] = [];

  constructor(server: Server, random: SeededRandom, counters: FaultProxyStats, plan: FaultPlan) {
    this.server = server;
    this.random = random;
    this.counters = counters;
    this.seed = random.seed;
    this.port = (server.address() as AddressInfo).port;
    this.url = `http://127.0.0.1:${this.port}`;
    this.setPlan(plan);
  }

  /** Replaces the plan for requests that arrive from now on. */
  setPlan(plan: FaultPlan): void {
    checkPlan(plan);
    this.plan = [...plan];
  }

  /** Applies these faults to the next requests, in order, before the plan is drawn from again. */
  enqueue(...faults: Fault[]): void {
    faults.forEach(checkFault);
    this.script.push(...faults.map((f) => resolveFault(f, this.random)));
  }

  /** A copy of the counters. */
  stats(): FaultProxyStats {
    return structuredClone(this.counters);
  }

  /** Seed, counters and the last decisions: what to print when a test fails. */
  summary(lastDecisions = 20): string {
    const s = this.counters;
    const faults = Object.entries(s.faults)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    const recent = this.decisions
      .slice(-lastDecisions)
      .map((d) => `  #${d.request} conn ${d.connection} ${d.requestLine}: ${describeFault(d.fault)}`);
    return [
      `fault proxy seed=${this.seed} (repeat with FAULT_SEED=${this.seed})`,
      `  ${s.connections} connections, ${s.requests} requests, ${s.unframed} unframed, ` +
        `${s.upstreamErrors} upstream errors, ${s.duplicateResponses} duplicate responses`,
      `  faults: ${faults}`,
      ...recent,
    ].join('\n');
  }

  /** Context handed to each connection. */
  context(upstreamPort: number, upstreamHost: string): ProxyContext {
    return {
      upstreamPort,
      upstreamHost,
      stats: this.counters,
      decide: (connection, requestLine) => {
        const scripted = this.script.length > 0;
        const fault = this.script.shift() ?? chooseFault(this.plan, this.random);
        const request = ++this.counters.requests;
        this.decisions.push({ connection, request, requestLine, fault, scripted });
        return fault;
      },
      track: (socket) => {
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
      },
    };
  }

  /** Stops listening and cuts every open connection. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

/** Starts a proxy on 127.0.0.1 in front of `upstreamHost:upstreamPort`. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const random = seededRandom(options.seed ?? chooseSeed());
  const counters = emptyStats();
  // allowHalfOpen: a client that finishes sending may still be waiting for its response.
  const server = createServer({ allowHalfOpen: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const proxy = new FaultProxy(server, random, counters, options.plan ?? []);
  // Attached right after listening: connections are only reported from the next event-loop turn.
  server.on('connection', (client) => {
    new ProxiedConnection(client, proxy.context(options.upstreamPort, options.upstreamHost ?? '127.0.0.1'));
  });
  return proxy;
}
