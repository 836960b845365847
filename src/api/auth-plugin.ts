// Resolves who is calling — an API token (`Authorization: Bearer …`) or a web session cookie — into a
// Caller on the request, before anything else runs. Routes marked `config: { public: true }` skip it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.ts';
import type { Caller } from '../app/deps.ts';
import type { Services } from '../app/node.ts';

/** Name of the HttpOnly session cookie set by POST /api/v1/session. */
export const SESSION_COOKIE = 'schakel_session';

/**
 * Name of the readable cookie set next to the session cookie, with the same lifetime: a hint for the web
 * app that a session may exist (so that it asks for data only then). It grants nothing.
 */
export const SESSION_HINT_COOKIE = 'schakel_session_hint';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; null on public routes. */
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    /** The route needs no authentication. */
    public?: boolean;
    /** What `{id}` names, for "<resource> <id> not found". */
    resource?: string;
  }
}

/** The bearer token of an Authorization header; a header of another scheme is refused, not ignored. */
function bearerOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw new DomainError('unauthenticated', 'the Authorization header must be "Bearer <token>"');
  return m[1];
}

/** Adds authentication to every route registered in `scope` (and its children). */
export function installAuth(scope: FastifyInstance, services: Services): void {
  scope.decorateRequest('caller', null);
  scope.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public) return;
    request.caller = await services.authenticate({
      bearer: bearerOf(request.headers.authorization),
      session: request.cookies[SESSION_COOKIE],
    });
  });
}

/**
 * The caller on a public route that also serves anonymous requests (GET /session): the caller the
 * credentials name, or null when there are none or they are not valid (expired, unknown, malformed).
 */
export async function callerIfAny(request: FastifyRequest, services: Services): Promise<Caller | null> {
  try {
    return await services.authenticate({
      bearer: bearerOf(request.headers.authorization),
      session: request.cookies[SESSION_COOKIE],
    });
  } catch (e) {
    if (e instanceof DomainError && e.code === 'unauthenticated') return null;
    throw e;
  }
}

/** The caller of an authenticated route (a programming error when the route is public). */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new DomainError('unauthenticated', 'log in, or send an API token');
  return request.caller;
}
