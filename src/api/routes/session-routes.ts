// Web sessions: log in (sets an HttpOnly cookie), log out, whether logged in, and who am I.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { Services } from '../../app/node.ts';
import type { Caller } from '../../app/deps.ts';
import { callerIfAny, callerOf, SESSION_COOKIE, SESSION_HINT_COOKIE } from '../auth-plugin.ts';
import { LoginBody, MeResponse, SessionResponse, SessionStateResponse } from '../schemas/auth-schemas.ts';
import { NoContent } from '../schemas/common-schemas.ts';
import { problemResponses } from '../schemas/problem-schemas.ts';

const tags = ['session'];

/** What GET /me and GET /session tell about the caller. */
async function meOf(services: Services, caller: Caller) {
  const company = await services.getOwnCompany(caller);
  const { userId, tokenId, name } = caller.actor;
  return { role: caller.role, actor: { userId, tokenId, name }, company };
}

/** POST /session, DELETE /session, GET /session, GET /me. */
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
          description:
            `Sets the HttpOnly session cookie \`${SESSION_COOKIE}\` and, with the same lifetime, the readable cookie ` +
            `\`${SESSION_HINT_COOKIE}=1\`: a hint for the web app that a session may exist. The hint grants nothing.`,
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
        const options = {
          sameSite: 'lax',
          path: '/',
          secure: request.protocol === 'https',
          expires: new Date(expiresAt),
        } as const;
        // HttpOnly: scripts never see it. SameSite=Lax: other sites cannot post with it.
        reply.setCookie(SESSION_COOKIE, session, { ...options, httpOnly: true });
        // Readable, and no secret: the web app loads a page's data only when a session may exist.
        reply.setCookie(SESSION_HINT_COOKIE, '1', { ...options, httpOnly: false });
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
          description: `Clears both cookies that POST /session sets (\`${SESSION_COOKIE}\` and \`${SESSION_HINT_COOKIE}\`).`,
          security: [],
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        const session = request.cookies[SESSION_COOKIE];
        if (session) await services.logout(session);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        reply.clearCookie(SESSION_HINT_COOKIE, { path: '/' });
        return reply.code(204).send();
      },
    );

    app.get(
      '/session',
      {
        config: { public: true },
        schema: {
          tags,
          operationId: 'getSession',
          summary: 'Whether the request is logged in: 200 either way, never 401',
          description:
            'For clients that ask before they know, such as the web app when it starts: without a valid ' +
            'session cookie or API token (none, expired, logged out, revoked, unknown, or another ' +
            'Authorization scheme) the answer is 200 `{ "authenticated": false }` instead of the 401 that ' +
            'GET /me and the other authenticated routes give; with one it is ' +
            '`{ "authenticated": true, "me": … }`, `me` exactly as GET /me answers. Sets no cookie.',
          // Credentials are optional here: {} is the anonymous alternative.
          security: [{ bearerAuth: [] }, { cookieAuth: [] }, {}],
          response: { 200: SessionStateResponse },
        },
      },
      async (request) => {
        const caller = await callerIfAny(request, services);
        return caller
          ? { authenticated: true as const, me: await meOf(services, caller) }
          : { authenticated: false as const };
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
      async (request) => meOf(services, callerOf(request)),
    );
    done();
  };
}
