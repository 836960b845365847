// Liveness for load balancers and start scripts; no authentication.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/node.ts';

const Health = z
  .object({ status: z.literal('ok'), store: z.enum(['pglite', 'postgres']) })
  .describe('The node is up.');

/** GET /healthz. */
export function healthRoutes(services: Services): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/healthz',
      {
        config: { public: true },
        schema: {
          tags: ['node'],
          operationId: 'health',
          summary: 'The node is up; reports which store it runs on',
          security: [],
          response: { 200: Health },
        },
      },
      () => ({ status: 'ok' as const, store: services.deps.store.kind }),
    );
    done();
  };
}
