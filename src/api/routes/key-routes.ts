// The caller's company on the network: key rotation (announced to partners on other nodes) and
// registration of its signed card at a directory node. Admins only.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services/services.ts';
import { callerOf } from '../auth-plugin.ts';
import { DirectoryRegistrationSchema, RegisterAtDirectoryBody } from '../schemas/directory-schemas.ts';
import { RotatedKeySchema, RotateKeyBody } from '../schemas/key-schemas.ts';
import { problemResponses } from '../schemas/problem-schemas.ts';

/** POST /keys/rotate, POST /directory/registrations. */
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
    app.post(
      '/directory/registrations',
      {
        schema: {
          tags: ['company'],
          operationId: 'registerAtDirectory',
          summary: 'Publish the company’s signed card at a directory node (admin)',
          body: RegisterAtDirectoryBody,
          response: { 200: DirectoryRegistrationSchema, ...problemResponses(401, 403, 409, 422) },
        },
      },
      async (request) =>
        services.registerOwnCardAtDirectory(
          callerOf(request),
          request.body.directoryUrl,
          request.body.endpoint,
          `${request.protocol}://${request.host}`,
        ),
    );
    done();
  };
}
