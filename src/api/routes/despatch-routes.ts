// Despatches: the seller ships lines of one or more orders in one go.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { Services } from '../../app/node.ts';
import { callerOf } from '../auth-plugin.ts';
import { presentOrder } from '../order-presenter.ts';
import { DespatchBody, DespatchResponse } from '../schemas/despatch-schemas.ts';
import { problemResponses } from '../schemas/problem-schemas.ts';

/** POST /despatches. */
export function despatchRoutes(services: Services): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.post(
      '/despatches',
      {
        schema: {
          tags: ['despatches'],
          operationId: 'shipGoods',
          summary: 'Seller: record a despatch; it may cover lines of several orders, all or nothing',
          body: DespatchBody,
          response: { 201: DespatchResponse, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
        },
      },
      async (request, reply) => {
        const result = await services.shipGoods(callerOf(request), request.body);
        reply.code(201);
        return {
          despatchId: result.despatchId,
          number: request.body.number.trim(),
          orders: result.orders.map((o) => presentOrder(services, o)),
        };
      },
    );
    done();
  };
}
