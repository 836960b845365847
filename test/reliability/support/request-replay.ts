// The "duplicate" fault: the exact bytes of a complete request sent once more to the upstream, on a
// connection of their own so the client never sees the second response.
import { connect } from 'node:net';
import {
  chunkedBodyComplete,
  parseHead,
  requestMethod,
  responseBodyLength,
  type MessageHead,
} from './http-framing.ts';
import type { ProxyContext } from './fault-proxy.ts';

const REPLAY_TIMEOUT_MS = 60_000;

/** Sends `request` to the upstream after `delayMs`; counts the replay's response when it comes (the caller counts the fault). */
export async function replayRequest(context: ProxyContext, request: Buffer, delayMs: number): Promise<void> {
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  const head = parseHead(request);
  const method = head ? requestMethod(head) : 'GET';
  const socket = connect({ port: context.upstreamPort, host: context.upstreamHost });
  context.track(socket);
  socket.setTimeout(REPLAY_TIMEOUT_MS, () => socket.destroy());
  socket.on('error', () => socket.destroy());
  let received = Buffer.alloc(0);
  let response: MessageHead | null = null;
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    response ??= parseHead(received);
    if (!response) return;
    const body = received.subarray(response.length);
    const length = responseBodyLength(response, method);
    const complete = length === undefined ? chunkedBodyComplete(body) : body.length >= length;
    if (complete) {
      context.stats.duplicateResponses++;
      socket.destroy();
    }
  });
  socket.write(request);
  await new Promise((resolve) => socket.once('close', resolve));
}
