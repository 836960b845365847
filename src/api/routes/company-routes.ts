// The caller's own company, its users, and the partner directory.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services/services.ts';
import { callerOf } from '../auth-plugin.ts';
import { CompanySchema, PartnerListResponse, UserListResponse } from '../schemas/company-schemas.ts';
import { problemResponses } from '../schemas/problem-schemas.ts';

const tags = ['company'];

/** GET /company, GET /company/users, GET /partners. */
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
          summary: 'Other companies on this node that can be ordered from or sold to',
          response: { 200: PartnerListResponse, ...problemResponses(401) },
        },
      },
      async (request) => ({ items: await services.listPartners(callerOf(request)) }),
    );
    done();
  };
}
