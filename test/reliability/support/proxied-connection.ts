// One client connection through the fault proxy: frames the client's requests, asks the proxy for a
// fault per request and applies it on the way to the upstream or on the way back.
import { connect, type Socket } from 'node:net';
import type { ChosenFault } from './fault-plan.ts';
import type { ProxyContext } from './fault-proxy.ts';
import {
  MAX_HEAD_BYTES,
  parseHead,
  requestBodyLength,
  requestMethod,
  responseBodyLength,
  responseStatus,
} from './http-framing.ts';
import { replayRequest } from './request-replay.ts';

type ResponseFault = Extract<ChosenFault, { kind: 'reset-response' | 'truncate-response' }>;

interface RequestState {
  fault: ChosenFault;
  method: string;
  /** Head and body bytes. */
  total: number;
  /** Bytes of this request seen so far (forwarded or withheld). */
  seen: number;
  /** Kept for a duplicate. */
  bytes: Buffer[];
}

interface ResponseState {
  fault: ResponseFault;
  method: string;
  head: Buffer;
  /** Body bytes still to forward before the fault fires; undefined while the head is incomplete. */
  budget: number | undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class ProxiedConnection {
  private readonly client: Socket;
  private readonly upstream: Socket;
  private readonly context: ProxyContext;
  private readonly id: number;
  /** Writes to the upstream, in order (a delay holds back everything after it). */
  private chain: Promise<void> = Promise.resolve();
  private mode: 'head' | 'body' | 'unframed' = 'head';
  private pendingHead = Buffer.alloc(0);
  private bodyLeft = 0;
  private request: RequestState | null = null;
  private response: ResponseState | null = null;
  /** Set once a fault ended the connection: the close handlers then leave the sockets alone. */
  private ended = false;
  /** Settle when the last write so far was handed to the operating system. */
  private upstreamFlushed: Promise<void> = Promise.resolve();
  private clientFlushed: Promise<void> = Promise.resolve();

  constructor(client: Socket, context: ProxyContext) {
    this.client = client;
    this.context = context;
    this.id = ++context.stats.connections;
    this.upstream = connect({ port: context.upstreamPort, host: context.upstreamHost, allowHalfOpen: true });
    context.track(client);
    context.track(this.upstream);

    client.on('data', (chunk: Buffer) => this.fromClient(chunk));
    client.on('end', () => this.enqueue(() => void this.upstream.end()));
    client.on('error', () => this.cut());
    client.on('close', () => this.cut());
    this.upstream.on('data', (chunk: Buffer) => this.fromUpstream(chunk));
    this.upstream.on('end', () => this.endClient());
    this.upstream.on('error', () => {
      this.context.stats.upstreamErrors++;
      if (!this.ended) this.client.resetAndDestroy();
      this.cut();
    });
    this.upstream.on('close', () => this.endClient());
  }

  /** The upstream finished: so does the client, unless a fault already took over. */
  private endClient(): void {
    if (!this.ended) this.client.end();
  }

  private cut(): void {
    this.ended = true;
    this.upstream.destroy();
    this.client.destroy();
  }

  private enqueue(step: () => Promise<void> | void): void {
    this.chain = this.chain.then(step).catch(() => this.cut());
  }

  /** Writes to the upstream in order, pausing the client while the upstream is full. */
  private forward(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.enqueue(() => {
      if (this.ended) return;
      this.context.stats.bytesToUpstream += bytes.length;
      let full = false;
      this.upstreamFlushed = new Promise((resolve) => (full = !this.upstream.write(bytes, () => resolve())));
      if (full) {
        this.client.pause();
        this.upstream.once('drain', () => this.client.resume());
      }
    });
  }

  private toClient(bytes: Buffer): void {
    if (bytes.length === 0 || this.ended) return;
    this.context.stats.bytesToClient += bytes.length;
    let full = false;
    this.clientFlushed = new Promise((resolve) => (full = !this.client.write(bytes, () => resolve())));
    if (full) {
      this.upstream.pause();
      this.client.once('drain', () => this.upstream.resume());
    }
  }

  /** Ends both connections the way a fault asks: an RST to the client, or a clean close. */
  private finish(how: 'reset' | 'close', kind: ChosenFault['kind']): void {
    if (this.ended) return;
    this.ended = true;
    this.context.stats.faults[kind]++;
    // Let the bytes written so far reach the client before the connection goes.
    const done = (): void => {
      if (how === 'reset') this.client.resetAndDestroy();
      else this.client.end();
      this.upstream.destroy();
    };
    void this.clientFlushed.then(() => setImmediate(done));
  }

  private fromClient(chunk: Buffer): void {
    let rest = chunk;
    while (rest.length > 0 && !this.ended) {
      if (this.mode === 'unframed') return this.forward(rest);
      if (this.mode === 'head') {
        const buffered = Buffer.concat([this.pendingHead, rest]);
        const head = parseHead(buffered);
        if (!head) {
          this.pendingHead = buffered;
          if (buffered.length > MAX_HEAD_BYTES) this.giveUpFraming();
          return;
        }
        this.pendingHead = Buffer.alloc(0);
        rest = buffered.subarray(head.length);
        const bodyLength = requestBodyLength(head);
        if (bodyLength === undefined) {
          this.giveUpFraming();
          this.forward(buffered.subarray(0, head.length));
          continue;
        }
        const method = requestMethod(head);
        const fault = this.context.decide(this.id, head.startLine.split(' ').slice(0, 2).join(' '));
        this.request = { fault, method, total: head.length + bodyLength, seen: 0, bytes: [] };
        this.startRequest(this.request);
        this.requestPart(this.request, buffered.subarray(0, head.length));
        this.bodyLeft = bodyLength;
        this.mode = 'body';
      } else {
        const part = rest.subarray(0, this.bodyLeft);
        rest = rest.subarray(part.length);
        this.bodyLeft -= part.length;
        this.requestPart(this.request!, part);
      }
      if (this.mode === 'body' && this.bodyLeft === 0) {
        this.endRequest(this.request!);
        this.mode = 'head';
      }
    }
  }

  private giveUpFraming(): void {
    this.context.stats.unframed++;
    this.mode = 'unframed';
    this.forward(this.pendingHead);
    this.pendingHead = Buffer.alloc(0);
  }

  private startRequest(request: RequestState): void {
    const { fault } = request;
    this.response = null;
    if (fault.kind === 'pass') this.context.stats.faults.pass++;
    if (fault.kind === 'delay') {
      this.context.stats.faults.delay++;
      this.enqueue(() => sleep(fault.ms));
    }
    if (fault.kind === 'reset-response' || fault.kind === 'truncate-response') {
      this.response = { fault, method: request.method, head: Buffer.alloc(0), budget: undefined };
    }
  }

  private requestPart(request: RequestState, bytes: Buffer): void {
    const { fault } = request;
    const before = request.seen;
    request.seen += bytes.length;
    if (fault.kind === 'drop') return this.finishAfterChain('close', 'drop');
    if (fault.kind === 'reset-request') {
      // Never the whole request: the upstream must see it cut off.
      const limit = Math.min(fault.afterBytes, request.total - 1);
      this.forward(bytes.subarray(0, Math.max(0, limit - before)));
      if (request.seen > limit) this.finishAfterChain('reset', 'reset-request');
      return;
    }
    if (fault.kind === 'duplicate') request.bytes.push(bytes);
    this.forward(bytes);
  }

  private endRequest(request: RequestState): void {
    const { fault } = request;
    if (fault.kind !== 'duplicate') return;
    const bytes = Buffer.concat(request.bytes);
    request.bytes = [];
    // Counted when decided, not when the delayed replay starts: a test that reads the counters right
    // after its last response must already see it.
    this.context.stats.faults.duplicate++;
    // After the original went out; the replay runs beside the rest of the connection.
    this.enqueue(() => void replayRequest(this.context, bytes, fault.delayMs ?? 0).catch(() => undefined));
  }

  /** Fires a fault once everything queued before it reached the upstream. */
  private finishAfterChain(how: 'reset' | 'close', kind: ChosenFault['kind']): void {
    this.enqueue(() => this.upstreamFlushed.then(() => this.finish(how, kind)));
  }

  private fromUpstream(chunk: Buffer): void {
    const state = this.response;
    if (!state) return this.toClient(chunk);
    let rest = chunk;
    if (state.budget === undefined) {
      const buffered = Buffer.concat([state.head, rest]);
      const head = parseHead(buffered);
      if (!head) {
        state.head = buffered;
        if (buffered.length > MAX_HEAD_BYTES) {
          this.response = null;
          this.toClient(buffered);
        }
        return;
      }
      const headBytes = buffered.subarray(0, head.length);
      rest = buffered.subarray(head.length);
      if (responseStatus(head) >= 100 && responseStatus(head) < 200) {
        // An interim response (100 Continue): the real one follows.
        this.toClient(headBytes);
        state.head = Buffer.alloc(0);
        return rest.length ? this.fromUpstream(rest) : undefined;
      }
      const wanted = state.fault.kind === 'reset-response' ? state.fault.afterBytes : state.fault.keepBytes;
      const bodyLength = responseBodyLength(head, state.method);
      // Never the whole response: with a known length the client must notice it is cut short.
      const budget = bodyLength === undefined ? wanted : Math.min(wanted, bodyLength - 1);
      if (budget < 0) {
        this.toClient(headBytes.subarray(0, -1));
        return this.finishResponse(state.fault);
      }
      this.toClient(headBytes);
      state.budget = budget;
    }
    const part = rest.subarray(0, state.budget);
    state.budget -= part.length;
    this.toClient(part);
    if (state.budget === 0) this.finishResponse(state.fault);
  }

  private finishResponse(fault: ResponseFault): void {
    this.response = null;
    this.finish(fault.kind === 'reset-response' ? 'reset' : 'close', fault.kind);
  }
}
