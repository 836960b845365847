// Outgoing documents of the caller's company: how each fared (delivery timeline), the deliveries of an
// order, and resending a dead-lettered one.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { Services } from '../../app/node.ts';
import { callerOf } from '../auth-plugin.ts';
import { IdParams } from '../schemas/common-schemas.ts';
import { DeliveryListSchema, OutboxMessageSchema, ResentMessageSchema } from '../schemas/outbox-schemas.ts';
import { problemResponses } from '../schemas/problem-schemas.ts';

/** GET /outbox/{id}, GET /orders/{id}/deliveries, POST /outbox/{id}/resend. */
export function outboxRoutes(services: Services): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/outbox/:id',
      {
        config: { resource: 'message' },
        schema: {
          tags: ['tasks'],
          operationId: 'getOutboxMessage',
          summary: 'A sent document’s delivery: status, attempts, receipt and its timeline',
          description:
            'The timeline lists every delivery event oldest first: queued, each attempt with its outcome ' +
            '(delivered, refused with HTTP status and reason, network error, circuit breaker open), ' +
            'dead letter, resend, receipt stored and the partner’s Message Level Response.',
          params: IdParams,
          response: { 200: OutboxMessageSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => services.getOutboxMessage(callerOf(request), request.params.id),
    );
    app.get(
      '/orders/:id/deliveries',
      {
        config: { resource: 'order' },
        schema: {
          tags: ['orders'],
          operationId: 'listOrderDeliveries',
          summary: 'The documents the caller’s company sent about an order, with their delivery status',
          params: IdParams,
          response: { 200: DeliveryListSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => ({
        items: await services.listOrderDeliveries(callerOf(request), request.params.id),
      }),
    );
    app.post(
      '/outbox/:id/resend',
      {
        config: { resource: 'message' },
        schema: {
          tags: ['tasks'],
          operationId: 'resendMessage',
          summary: 'Put an undelivered (dead-lettered) document back in the queue, keeping its message ID',
          params: IdParams,
          response: { 200: ResentMessageSchema, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => services.resendMessage(callerOf(request), request.params.id),
    );
    done();
  };
}
