// Web sessions: log in (sets an HttpOnly cookie), log out, and who am I.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { Services } from '../../app/node.ts';
import { callerOf, SESSION_COOKIE } from '../auth-plugin.ts';
import { LoginBody, MeResponse, SessionResponse } from '../schemas/auth-schemas.ts';
import { NoContent } from '../schemas/common-schemas.ts';
import { problemResponses } from '../schemas/problem-schemas.ts';

const tags = ['session'];

/** POST /session, DELETE /session, GET /me. */
export function sessionRoutes(services: Services): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.post(
      '/session',
      {
        config: { public: true },
        schema: {
          tags,
          operationId: 'login',
          summary: 'Log in with e-mail and password; sets the session cookie',
          security: [],
          body: LoginBody,
          response: { 200: SessionResponse, ...problemResponses(400, 401, 415) },
        },
      },
      async (request, reply) => {
        const { session, user, company, expiresAt } = await services.login(
          request.body.email,
          request.body.password,
        );
        // HttpOnly: scripts never see it. SameSite=Lax: other sites cannot post with it.
        reply.setCookie(SESSION_COOKIE, session, {
          httpOnly: true,
          sameSite: 'lax',
          path: '/',
          secure: request.protocol === 'https',
          expires: new Date(expiresAt),
        });
        return { user, company, expiresAt };
      },
    );

    app.delete(
      '/session',
      {
        config: { public: true },
        schema: {
          tags,
          operationId: 'logout',
          summary: 'Log out: ends the session and clears the cookie',
          security: [],
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        const session = request.cookies[SESSION_COOKIE];
        if (session) await services.logout(session);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send();
      },
    );

    app.get(
      '/me',
      {
        schema: {
          tags,
          operationId: 'me',
          summary: 'The caller: user or API token, role and company',
          response: { 200: MeResponse, ...problemResponses(401) },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        const company = await services.getOwnCompany(caller);
        const { userId, tokenId, name } = caller.actor;
        return { role: caller.role, actor: { userId, tokenId, name }, company };
      },
    );
    done();
  };
}
