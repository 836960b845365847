// The caller's company on the network: key rotation (announced to partners on other nodes, refreshed at
// directories) and registration of its signed card at a directory node, and where it is registered.
// Admins only.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { Services } from '../../app/node.ts';
import { callerOf } from '../auth-plugin.ts';
import {
  CardRegistrationListSchema,
  DirectoryRegistrationSchema,
  RegisterAtDirectoryBody,
} from '../schemas/directory-schemas.ts';
import { RotatedKeySchema, RotateKeyBody } from '../schemas/key-schemas.ts';
import { problemResponses } from '../schemas/problem-schemas.ts';

/** POST /keys/rotate, POST /directory/registrations, GET /directory/registrations. */
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
    app.get(
      '/directory/registrations',
      {
        schema: {
          tags: ['company'],
          operationId: 'listDirectoryRegistrations',
          summary:
            'Where the company’s card is registered, and whether each directory has the current one (admin)',
          description:
            'After a key rotation the node registers the new card at each of these directories by itself, ' +
            'retrying with backoff; a refresh that keeps failing (an hour) or that a directory refuses is ' +
            'also a directory_refresh_failed task.',
          response: { 200: CardRegistrationListSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => ({ items: await services.listDirectoryRegistrations(callerOf(request)) }),
    );
    done();
  };
}
