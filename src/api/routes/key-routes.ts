// The caller's company's signing keys: rotation (admins), announced to partners on other nodes.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services/services.ts';
import { callerOf } from '../auth-plugin.ts';
import { RotatedKeySchema, RotateKeyBody } from '../schemas/key-schemas.ts';
import { problemResponses } from '../schemas/problem-schemas.ts';

/** POST /keys/rotate. */
export function keyRoutes(services: Services): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.post(
      '/keys/rotate',
      {
        schema: {
          tags: ['company'],
          operationId: 'rotateSigningKey',
          summary: 'Create a new signing key and announce it to partners on other nodes (admin)',
          body: RotateKeyBody.optional(),
          response: { 200: RotatedKeySchema, ...problemResponses(401, 403, 422) },
        },
      },
      async (request) => services.rotateOwnSigningKey(callerOf(request), request.body?.graceDays ?? 7),
    );
    done();
  };
}
