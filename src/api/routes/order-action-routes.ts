// Order actions: POST /orders/{id}/<action>. Each honours an optional If-Match and answers with the new view
// and ETag.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Order } from '../../domain/order-types.ts';
import type { ActOptions } from '../../app/orders/index.ts';
import type { Caller } from '../../app/deps.ts';
import type { Services } from '../../app/node.ts';
import { callerOf } from '../auth-plugin.ts';
import { etagOf, expectedVersion } from '../etag-headers.ts';
import { presentOrder } from '../order-presenter.ts';
import {
  CancelBody,
  ChangeBody,
  DecideBody,
  InvoiceBody,
  InvoiceDecisionBody,
  InvoiceParams,
  ProductionBody,
  ReceiptBody,
  ReopenBody,
  RespondBody,
} from '../schemas/order-action-schemas.ts';
import { IdParams, IfMatchHeaders } from '../schemas/common-schemas.ts';
import { OrderViewSchema } from '../schemas/order-view-schemas.ts';
import { problemResponses } from '../schemas/problem-schemas.ts';

type ZodApp = Parameters<FastifyPluginCallbackZod>[0];

interface ActionSpec<B extends z.ZodType> {
  action: string;
  operationId: string;
  summary: string;
  /** More than the summary, before the If-Match note. */
  description?: string;
  body: B;
  run: (caller: Caller, orderId: string, body: z.output<B>, options: ActOptions) => Promise<Order>;
}

const tags = ['order actions'];

/** What every action says about If-Match (the header parameter has the details). */
const IF_MATCH_NOTE =
  'If-Match is optional. With the order’s ETag, a stale version is refused with 409 `version_conflict` ' +
  'and nothing changes. Without it the action applies to the current version: no version check (the last ' +
  'writer wins), while permissions and the order rules still apply.';
const errors = problemResponses(400, 401, 403, 404, 409, 413, 415, 422);

/** Registers POST /orders/{id}/<action>: validate, run one use case, answer with the view and its ETag. */
function actionRoute<B extends z.ZodType>(app: ZodApp, services: Services, spec: ActionSpec<B>): void {
  app.post(
    `/orders/:id/${spec.action}`,
    {
      config: { resource: 'order' },
      schema: {
        tags,
        operationId: spec.operationId,
        summary: spec.summary,
        description: spec.description ? `${spec.description}\n\n${IF_MATCH_NOTE}` : IF_MATCH_NOTE,
        params: IdParams,
        headers: IfMatchHeaders,
        body: spec.body,
        response: { 200: OrderViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const options = { expectedVersion: expectedVersion(request.headers['if-match']) };
      // The type provider cannot see the body type through the generic B; the validator has checked it.
      const order = await spec.run(
        callerOf(request),
        request.params.id,
        request.body as z.output<B>,
        options,
      );
      reply.header('etag', etagOf(order.version));
      return presentOrder(services, order);
    },
  );
}

/** The order actions of buyer and seller. */
export function orderActionRoutes(services: Services): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    actionRoute(app, services, {
      action: 'respond',
      operationId: 'respondToLines',
      summary: 'Seller: accept lines, reject them with a reason, or propose other terms',
      body: RespondBody,
      run: (caller, id, body, options) => services.respondToLines(caller, id, body.answers, options),
    });
    actionRoute(app, services, {
      action: 'decide',
      operationId: 'decideProposals',
      summary: 'Buyer: accept or reject the seller’s proposals',
      body: DecideBody,
      run: (caller, id, body, options) => services.decideProposals(caller, id, body.decisions, options),
    });
    actionRoute(app, services, {
      action: 'change',
      operationId: 'changeOrder',
      summary: 'Buyer: add, change or cancel lines; the seller answers changed lines again',
      body: ChangeBody,
      run: (caller, id, body, options) => services.changeOrder(caller, id, body, options),
    });
    actionRoute(app, services, {
      action: 'cancel',
      operationId: 'cancelOrder',
      summary: 'Buyer: cancel every line that has nothing shipped',
      body: CancelBody,
      run: (caller, id, body, options) => services.cancelOrder(caller, id, body.reason, options),
    });
    actionRoute(app, services, {
      action: 'reopen',
      operationId: 'reopenLines',
      summary: 'Buyer or seller: reopen agreed lines with a reason',
      body: ReopenBody,
      run: (caller, id, body, options) =>
        services.reopenLines(caller, id, body.lineIds, body.reason, options),
    });
    actionRoute(app, services, {
      action: 'production',
      operationId: 'reportProduction',
      summary: 'Seller: report cumulative produced quantities',
      body: ProductionBody,
      run: (caller, id, body, options) => services.reportProduction(caller, id, body.lines, options),
    });
    actionRoute(app, services, {
      action: 'receipts',
      operationId: 'receiveGoods',
      summary: 'Buyer: record received and rejected quantities',
      description:
        '`received` excludes `rejected`: of a shipped 10 with 2 refused, send `received` 8 and `rejected` 2. ' +
        'Both add to what earlier receipts recorded; together they may not exceed what is shipped and not ' +
        'yet received or rejected (422). Invoices are matched against the received quantity: invoicing more ' +
        'in total than was received (e.g. the 2 rejected) is a `quantity_exceeds_received` mismatch.',
      body: ReceiptBody,
      run: (caller, id, body, options) => services.receiveGoods(caller, id, body.lines, options),
    });
    actionRoute(app, services, {
      action: 'invoices',
      operationId: 'submitInvoice',
      summary: 'Seller: invoice the order; each line is matched against agreed price and received quantity',
      body: InvoiceBody,
      run: (caller, id, body, options) => services.submitInvoice(caller, id, body, options),
    });

    app.post(
      '/orders/:id/invoices/:invoiceId/decision',
      {
        config: { resource: 'order' },
        schema: {
          tags,
          operationId: 'decideInvoice',
          summary: 'Buyer: approve or dispute a mismatching invoice, with a reason',
          description: IF_MATCH_NOTE,
          params: InvoiceParams,
          headers: IfMatchHeaders,
          body: InvoiceDecisionBody,
          response: { 200: OrderViewSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { id, invoiceId } = request.params;
        const { decision, reason } = request.body;
        const options = { expectedVersion: expectedVersion(request.headers['if-match']) };
        const order = await services.decideInvoice(
          callerOf(request),
          id,
          invoiceId,
          decision,
          reason,
          options,
        );
        reply.header('etag', etagOf(order.version));
        return presentOrder(services, order);
      },
    );

    done();
  };
}
