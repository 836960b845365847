// The caller's own company, its users, and the partner directory.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { Services } from '../../app/node.ts';
import { callerOf } from '../auth-plugin.ts';
import {
  AddPartnerBody,
  CompanySchema,
  PartnerCardPreview,
  PartnerListResponse,
  PartnerSchema,
  PreviewPartnerBody,
  UserListResponse,
} from '../schemas/company-schemas.ts';
import { problemResponses } from '../schemas/problem-schemas.ts';

const tags = ['company'];

/** GET /company, GET /company/users, GET /partners, POST /partners, POST /partners/preview. */
export function companyRoutes(services: Services): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/company',
      {
        schema: {
          tags,
          operationId: 'getOwnCompany',
          summary: 'The caller’s company',
          response: { 200: CompanySchema, ...problemResponses(401) },
        },
      },
      async (request) => services.getOwnCompany(callerOf(request)),
    );
    app.get(
      '/company/users',
      {
        schema: {
          tags,
          operationId: 'listUsers',
          summary: 'Users of the caller’s company (admin)',
          response: { 200: UserListResponse, ...problemResponses(401, 403) },
        },
      },
      async (request) => ({ items: await services.listOwnUsers(callerOf(request)) }),
    );
    app.get(
      '/partners',
      {
        schema: {
          tags,
          operationId: 'listPartners',
          summary: 'Companies the caller can order from or sell to: on this node and pinned on other nodes',
          response: { 200: PartnerListResponse, ...problemResponses(401) },
        },
      },
      async (request) => ({ items: await services.listPartners(callerOf(request)) }),
    );
    app.post(
      '/partners/preview',
      {
        schema: {
          tags,
          operationId: 'previewPartner',
          summary:
            'Fetch a partner’s card from its node and show its key fingerprint, without pinning anything (admin)',
          body: PreviewPartnerBody,
          response: { 200: PartnerCardPreview, ...problemResponses(400, 401, 403, 422) },
        },
      },
      async (request) => services.previewRemotePartner(callerOf(request), request.body),
    );
    app.post(
      '/partners',
      {
        schema: {
          tags,
          operationId: 'addPartner',
          summary:
            'Add a partner on another node: fetch its card and pin its keys when the fingerprint matches (admin)',
          description:
            'Remote partners are node-wide: once added, every company on this node can trade with it. A fingerprint that does not match the card’s newest key answers 409 and pins nothing.',
          body: AddPartnerBody,
          response: { 201: PartnerSchema, ...problemResponses(400, 401, 403, 409, 422) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await services.addRemotePartner(callerOf(request), request.body)),
    );
    done();
  };
}
