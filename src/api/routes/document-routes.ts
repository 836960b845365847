// Documents: POST a UBL document the company sends (application/xml), read what the node kept of it
// (metadata, findings, the original bytes), list an order's documents, and export an order's current
// state as UBL. The XML body parser lives here, scoped to these routes; the rest of the API stays JSON.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Services } from '../../app/node.ts';
import { callerOf } from '../auth-plugin.ts';
import { problem, sendProblem } from '../problem-details.ts';
import { IdParams } from '../schemas/common-schemas.ts';
import {
  DocumentListResponse,
  DocumentSchema,
  ExportQuery,
  type FindingSchema,
  ValidationResultSchema,
  XmlBody,
} from '../schemas/document-schemas.ts';
import { problemResponses } from '../schemas/problem-schemas.ts';

/** Default maximum document size: 10 MB (SCHAKEL_DOCUMENT_LIMIT_BYTES overrides it). */
export const DEFAULT_DOCUMENT_LIMIT = 10 * 1024 * 1024;

export interface DocumentRouteOptions {
  /** Maximum size of a posted document in bytes. */
  bodyLimit?: number | undefined;
}

const XML_TYPES = ['application/xml', 'text/xml'];
const isXml = (contentType: string | undefined): boolean => {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return XML_TYPES.includes(type) || /^application\/[\w.-]+\+xml$/.test(type);
};

const limitFromEnv = (): number | undefined => {
  const v = Number(process.env.SCHAKEL_DOCUMENT_LIMIT_BYTES);
  return Number.isInteger(v) && v > 0 ? v : undefined;
};

// Only XML: answer 415 with a message about XML before any other parser runs.
function onlyXml(request: FastifyRequest, reply: FastifyReply, next: () => void): void {
  if (isXml(request.headers['content-type'])) return next();
  void sendProblem(
    reply,
    request,
    problem('unsupported_media_type', 'send the document as application/xml: a UBL 2.x document in UTF-8'),
  );
}

type DocumentRecord = Awaited<ReturnType<Services['getDocument']>>;

/** What the API shows of a document: everything but the internal owner and actor fields. */
export function presentDocument(d: DocumentRecord) {
  return {
    id: d.id,
    documentType: d.documentType,
    profile: d.profile,
    customizationId: d.customizationId,
    number: d.number,
    issueDate: d.issueDate,
    direction: d.direction,
    status: d.status,
    orderId: d.orderIds[0] ?? null,
    orderIds: d.orderIds,
    partnerCompanyId: d.partnerCompanyId,
    sha256: d.sha256,
    byteSize: d.byteSize,
    // Stored as the validator reported them, in the shape of FindingSchema.
    findings: d.findings as z.infer<typeof FindingSchema>[],
    summary: d.summary,
    partnerResponse: d.partnerResponse,
    createdAt: d.createdAt,
  };
}

const xmlResponse = (description: string) => ({
  description,
  content: { 'application/xml': { schema: XmlBody } },
});

function sendXml(reply: FastifyReply, body: string | Uint8Array, fileName?: string): FastifyReply {
  if (fileName)
    reply.header('content-disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`);
  return reply
    .type('application/xml')
    .send(typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body));
}

export function documentRoutes(
  services: Services,
  options: DocumentRouteOptions = {},
): FastifyPluginCallbackZod {
  const bodyLimit = options.bodyLimit ?? limitFromEnv() ?? DEFAULT_DOCUMENT_LIMIT;
  return (app, _options, done) => {
    app.addContentTypeParser(XML_TYPES, { parseAs: 'buffer', bodyLimit }, (_request, body, next) =>
      next(null, body),
    );
    app.addContentTypeParser(
      /^application\/[\w.-]+\+xml$/,
      { parseAs: 'buffer', bodyLimit },
      (_request, body, next) => next(null, body),
    );

    app.post(
      '/documents',
      {
        bodyLimit,
        onRequest: onlyXml,
        schema: {
          tags: ['documents'],
          operationId: 'importDocument',
          summary:
            'Send a UBL document (Order, OrderResponse, OrderChange, OrderCancellation, DespatchAdvice, ReceiptAdvice, Invoice, CreditNote, ApplicationResponse)',
          description:
            'The body is the document itself (application/xml). The authenticated company must be its sending party ' +
            '(buyer for Order, OrderChange, OrderCancellation and ReceiptAdvice; seller for responses, agreements, despatch ' +
            'advices and invoices), otherwise 403. The document is validated (422 with the findings when it has fatal ' +
            'ones; a rejected-document record is kept), then applied to its order through the same actions as the API. ' +
            'The same document again (same sender, type, ID and bytes) answers 200 with the first result and changes ' +
            'nothing; another document reusing an ID answers 409.',
          consumes: ['application/xml', 'text/xml'],
          response: {
            200: DocumentSchema.describe('The same document was received before; nothing changed.'),
            201: DocumentSchema,
            ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
          },
        },
      },
      async (request, reply) => {
        const result = await services.importDocument(callerOf(request), request.body as Buffer, {
          limits: { maxBytes: bodyLimit },
        });
        reply.code(result.created ? 201 : 200).header('location', `/api/v1/documents/${result.document.id}`);
        return presentDocument(result.document);
      },
    );

    app.post(
      '/documents/validate',
      {
        bodyLimit,
        onRequest: onlyXml,
        schema: {
          tags: ['documents'],
          operationId: 'validateDocument',
          summary: 'Check a UBL document without sending it: the validator’s findings, nothing stored',
          description:
            'Runs the same validator as POST /documents (the rules of the profile the document claims) and answers ' +
            '200 with the findings, valid or not. Nothing is stored and no order changes; the sender is not checked.',
          consumes: ['application/xml', 'text/xml'],
          response: { 200: ValidationResultSchema, ...problemResponses(401, 413, 415) },
        },
      },
      (request) =>
        services.checkDocument(callerOf(request), request.body as Buffer, {
          limits: { maxBytes: bodyLimit },
        }),
    );

    app.get(
      '/documents/:id',
      {
        config: { resource: 'document' },
        schema: {
          tags: ['documents'],
          operationId: 'getDocument',
          summary: 'A document the company sent or received: metadata, what it did, the validator’s findings',
          params: IdParams,
          response: { 200: DocumentSchema, ...problemResponses(401, 404) },
        },
      },
      async (request) => presentDocument(await services.getDocument(callerOf(request), request.params.id)),
    );

    app.get(
      '/documents/:id/content',
      {
        config: { resource: 'document' },
        schema: {
          tags: ['documents'],
          operationId: 'getDocumentContent',
          summary: 'The original document, byte for byte',
          params: IdParams,
          response: { 200: xmlResponse('The document as it was received.'), ...problemResponses(401, 404) },
        },
      },
      async (request, reply) =>
        sendXml(reply, await services.getDocumentContent(callerOf(request), request.params.id)),
    );

    app.get(
      '/documents/:id/response',
      {
        config: { resource: 'document' },
        schema: {
          tags: ['documents'],
          operationId: 'getDocumentResponse',
          summary:
            'A Peppol Message Level Response (ApplicationResponse) about the document: AP processed, AB recorded, RE rejected with the findings',
          params: IdParams,
          response: {
            200: xmlResponse('An ApplicationResponse (Peppol MLR).'),
            ...problemResponses(401, 404),
          },
        },
      },
      async (request, reply) => {
        const mlr = await services.exportDocumentResponse(callerOf(request), request.params.id);
        return sendXml(reply, mlr.xml, mlr.fileName);
      },
    );

    app.get(
      '/orders/:id/documents',
      {
        config: { resource: 'order' },
        schema: {
          tags: ['documents'],
          operationId: 'listOrderDocuments',
          summary: 'The documents of an order, oldest first',
          params: IdParams,
          response: { 200: DocumentListResponse, ...problemResponses(401, 404) },
        },
      },
      async (request) => ({
        items: (await services.listOrderDocuments(callerOf(request), request.params.id)).map(presentDocument),
      }),
    );

    app.get(
      '/orders/:id/ubl',
      {
        config: { resource: 'order' },
        schema: {
          tags: ['documents'],
          operationId: 'exportOrderDocument',
          summary: 'The order’s current state as a UBL document of the given type',
          description:
            'Order: the current request; OrderResponse/OrderResponseAdvanced: the seller’s answers; OrderAgreement: the ' +
            'agreed lines; OrderChange: pending changes; OrderCancellation; DespatchAdvice: one despatch (ref); ' +
            'ReceiptAdvice: what was received; Invoice: one invoice (ref). The document passes the node’s validator; ' +
            'otherwise 422 with the findings. docs/documents.md lists what each type cannot carry.',
          params: IdParams,
          querystring: ExportQuery,
          response: { 200: xmlResponse('The UBL document.'), ...problemResponses(400, 401, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const exported = await services.exportOrderDocument(callerOf(request), request.params.id, {
          type: q.type,
          profile: q.profile,
          ref: q.ref,
          vat: q.vat,
        });
        return sendXml(reply, exported.xml, exported.fileName);
      },
    );

    done();
  };
}
