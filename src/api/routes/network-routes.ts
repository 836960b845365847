// Node-to-node routes, outside /api/v1 and without cookie or token authentication: participant cards
// (public; on a directory node also the registered ones, and their registration, which the cards'
// signatures authenticate), the inbox (the envelope's signature authenticates the sender) and metrics.
import type { FastifyError, FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../app/node.ts';
import { problemFromError, sendProblem } from '../problem-details.ts';

// Node-to-node protocol, not the REST API: described in docs/network.md, left out of the OpenAPI document.
const HIDDEN = { hide: true };

/**
 * GET /.well-known/schakel/participants/:participant, POST /network/v1/directory/cards,
 * POST /network/v1/inbox, GET /metrics.
 */
export function networkRoutes(services: Services): FastifyPluginCallback {
  return (app, _options, done) => {
    app.addContentTypeParser('application/jose', { parseAs: 'string' }, (_request, body, next) =>
      next(null, body),
    );

    app.get<{ Params: { participant: string } }>(
      '/.well-known/schakel/participants/:participant',
      { schema: HIDDEN },
      async (request) =>
        services.lookupCard(request.params.participant, `${request.protocol}://${request.host}`),
    );

    // Directory role only (start --directory): a participant's node registers its signed card here.
    app.post('/network/v1/directory/cards', { schema: HIDDEN }, async (request) =>
      services.registerDirectoryCard(request.body),
    );

    // A body beyond the limit never reaches the envelope checks: it is refused here with its own reason
    // and counted like every other refusal. Any other error goes on to the app's problem handler.
    const inboxErrors = (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
      const p = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? problemFromError(error, request) : null;
      if (!p) throw error;
      services.countRejectedInbound('oversized');
      void sendProblem(reply, request, { ...p, reason: 'oversized' });
    };

    app.post('/network/v1/inbox', { schema: HIDDEN, errorHandler: inboxErrors }, async (request, reply) => {
      if (typeof request.body !== 'string') {
        return reply.code(415).type('application/problem+json').send({
          type: '/api/v1/problems/unsupported_media_type',
          title: 'Unsupported media type',
          status: 415,
          code: 'unsupported_media_type',
          detail: 'send the envelope as application/jose (JWS compact serialisation)',
        });
      }
      const result = await services.receiveEnvelope(request.body);
      return { receipt: result.receipt, status: result.status, duplicate: result.duplicate };
    });

    app.get('/metrics', { schema: HIDDEN }, async (_request, reply) =>
      reply.type('text/plain; version=0.0.4; charset=utf-8').send(await services.networkMetricsText()),
    );
    done();
  };
}
