// API tokens for ERP integrations (admin): list, create (secret shown once), revoke.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { Services } from '../../app/node.ts';
import { callerOf } from '../auth-plugin.ts';
import { CreatedTokenResponse, CreateTokenBody, TokenListResponse } from '../schemas/auth-schemas.ts';
import { IdParams, NoContent } from '../schemas/common-schemas.ts';
import { problemResponses } from '../schemas/problem-schemas.ts';

const tags = ['tokens'];

/** GET/POST /tokens, DELETE /tokens/{id}. */
export function tokenRoutes(services: Services): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/tokens',
      {
        schema: {
          tags,
          operationId: 'listTokens',
          summary: 'The company’s API tokens (without secrets), with last use',
          response: { 200: TokenListResponse, ...problemResponses(401, 403) },
        },
      },
      async (request) => ({ items: await services.listApiTokens(callerOf(request)) }),
    );

    app.post(
      '/tokens',
      {
        schema: {
          tags,
          operationId: 'createToken',
          summary: 'Create an API token; the secret is in this response only',
          body: CreateTokenBody,
          response: { 201: CreatedTokenResponse, ...problemResponses(400, 401, 403, 415, 422) },
        },
      },
      async (request, reply) => {
        const { token, info } = await services.createApiTokenAs(callerOf(request), request.body);
        reply.code(201);
        return { ...info, secret: token };
      },
    );

    app.delete(
      '/tokens/:id',
      {
        config: { resource: 'API token' },
        schema: {
          tags,
          operationId: 'revokeToken',
          summary: 'Revoke an API token; it stops working at once',
          params: IdParams,
          response: { 204: NoContent, ...problemResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await services.revokeApiToken(callerOf(request), request.params.id);
        return reply.code(204).send();
      },
    );
    done();
  };
}
