// Orders: issue, list, read one, history.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { Services } from '../../app/node.ts';
import { callerOf } from '../auth-plugin.ts';
import { etagOf } from '../etag-headers.ts';
import { presentOrder } from '../order-presenter.ts';
import { IdParams } from '../schemas/common-schemas.ts';
import {
  HistoryQuery,
  IssueOrderBody,
  ListOrdersQuery,
  OrderHistoryResponse,
  OrderListResponse,
} from '../schemas/order-schemas.ts';
import { OrderViewSchema } from '../schemas/order-view-schemas.ts';
import { problemResponses } from '../schemas/problem-schemas.ts';

const tags = ['orders'];

/** Routes under /orders that read or create whole orders. */
export function orderRoutes(services: Services): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.post(
      '/orders',
      {
        schema: {
          tags,
          operationId: 'issueOrder',
          summary: 'Issue a purchase order to a seller',
          description:
            'The buyer’s copy is saved and the seller receives its own copy. Needs the buy permission.',
          body: IssueOrderBody,
          response: { 201: OrderViewSchema, ...problemResponses(400, 401, 403, 409, 413, 415, 422) },
        },
      },
      async (request, reply) => {
        const order = await services.issueOrder(callerOf(request), request.body);
        reply
          .code(201)
          .header('location', `/api/v1/orders/${order.id}`)
          .header('etag', etagOf(order.version));
        return presentOrder(services, order);
      },
    );

    app.get(
      '/orders',
      {
        schema: {
          tags,
          operationId: 'listOrders',
          summary: 'List the company’s orders, newest first',
          querystring: ListOrdersQuery,
          response: { 200: OrderListResponse, ...problemResponses(400, 401, 422) },
        },
      },
      async (request) => {
        const q = request.query;
        return services.listOrders(callerOf(request), {
          role: q.role,
          status: q.status,
          partnerCompanyId: q.partner,
          from: q.from,
          to: q.to,
          lateOnly: q.late,
          q: q.q,
          limit: q.limit,
          cursor: q.cursor,
        });
      },
    );

    app.get(
      '/orders/:id',
      {
        config: { resource: 'order' },
        schema: {
          tags,
          operationId: 'getOrder',
          summary: 'One order with its lines, derived status and allowed actions',
          description: 'The ETag header carries the version; send it back as If-Match with an action.',
          params: IdParams,
          response: { 200: OrderViewSchema, ...problemResponses(401, 404) },
        },
      },
      async (request, reply) => {
        const view = await services.getOrder(callerOf(request), request.params.id);
        reply.header('etag', etagOf(view.version));
        return view;
      },
    );

    app.get(
      '/orders/:id/history',
      {
        config: { resource: 'order' },
        schema: {
          tags,
          operationId: 'getOrderHistory',
          summary: 'Every change to the order (or one line), oldest first: what, who, when, why',
          params: IdParams,
          querystring: HistoryQuery,
          response: { 200: OrderHistoryResponse, ...problemResponses(400, 401, 404) },
        },
      },
      async (request) => ({
        items: await services.orderHistory(callerOf(request), request.params.id, request.query.lineId),
      }),
    );

    done();
  };
}
