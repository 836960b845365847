// Live updates for open screens: a server-sent event stream of the caller's company's order changes.
// Each event names the order and what was done; the client reads the order again (GET /orders/{id}).
import type { ServerResponse } from 'node:http';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/node.ts';
import { callerOf } from '../auth-plugin.ts';
import { problemResponses } from '../schemas/problem-schemas.ts';

/** How often an idle stream sends a comment, so that proxies and browsers keep it open. */
const HEARTBEAT_MS = 25_000;

const EventStream = z
  .string()
  .describe(
    'text/event-stream. `event: ready` once connected, then one `event: order` per committed change of an ' +
      'order of the caller’s company, with JSON data {orderId, orderNumber, action, byCompanyId, at}.',
  );

/** GET /events. */
export function eventRoutes(services: Services): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    const open = new Set<() => void>();
    // Streams never end by themselves: end them when the node closes, or close() would wait forever.
    app.addHook('preClose', (hookDone) => {
      for (const end of [...open]) end();
      hookDone();
    });

    app.get(
      '/events',
      {
        schema: {
          tags: ['events'],
          operationId: 'watchEvents',
          summary: 'Server-sent events: changes to the company’s orders as they happen',
          description:
            'For open screens (the web app). Reconnect with the browser’s EventSource; nothing is replayed, ' +
            'so read the lists again after a reconnect.',
          response: {
            200: {
              description: 'An event stream',
              content: { 'text/event-stream': { schema: EventStream } },
            },
            ...problemResponses(401, 403),
          },
        },
      },
      (request, reply) => {
        const caller = callerOf(request);
        const res: ServerResponse = reply.raw;
        const write = (chunk: string): void => {
          if (!res.writableEnded) res.write(chunk);
        };
        // Subscribe first, so that a refused caller (role) still gets a problem response.
        const unsubscribe = services.watchOrderChanges(caller, (change) =>
          write(`event: order\ndata: ${JSON.stringify(change)}\n\n`),
        );
        reply.hijack();
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-content-type-options': 'nosniff',
          // Tells nginx-style reverse proxies not to buffer the stream.
          'x-accel-buffering': 'no',
        });
        write('retry: 3000\nevent: ready\ndata: {}\n\n');
        const heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
        const end = (): void => {
          clearInterval(heartbeat);
          unsubscribe();
          open.delete(end);
          if (!res.writableEnded) res.end();
        };
        open.add(end);
        res.on('close', end);
      },
    );
    done();
  };
}
