// Outgoing documents of the caller's company: resend a dead-lettered one.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services/services.ts';
import { callerOf } from '../auth-plugin.ts';
import { IdParams } from '../schemas/common-schemas.ts';
import { ResentMessageSchema } from '../schemas/outbox-schemas.ts';
import { problemResponses } from '../schemas/problem-schemas.ts';

/** POST /outbox/{id}/resend. */
export function outboxRoutes(services: Services): FastifyPluginCallbackZod {
  return (app, _options, done) => {
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
