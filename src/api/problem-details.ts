// Every error leaves the API as an RFC 9457 problem (application/problem+json) with a stable `code`, a
// plain `detail`, and — when known — the offending `field`, the current `state` and the `allowedActions`.
// Unexpected errors are logged and answered with a generic 500 that never shows internals.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode } from '../domain/errors.ts';
import { issuesOf, type Issue } from './validation-issues.ts';

export type ProblemCode =
  ErrorCode | 'invalid_request' | 'payload_too_large' | 'unsupported_media_type' | 'internal_error';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail: string;
  instance?: string;
  field?: string;
  state?: string;
  allowedActions?: string[];
  errors?: Issue[];
  [extension: string]: unknown;
}

/** Status and title of every problem code; the catalogue behind GET /api/v1/problems/{code}. */
export const PROBLEM_CATALOGUE: Record<ProblemCode, { status: number; title: string }> = {
  invalid_request: { status: 400, title: 'Invalid request' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  transition_not_allowed: { status: 409, title: 'Action not allowed in the current state' },
  conflict: { status: 409, title: 'Conflict' },
  // 409 rather than 412: a stale If-Match is a conflict the client resolves by reloading.
  version_conflict: { status: 409, title: 'Version conflict' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  validation_failed: { status: 422, title: 'Validation failed' },
  internal_error: { status: 500, title: 'Internal server error' },
};

/** The problem type URI of a code (resolvable on every node). */
export const problemType = (code: ProblemCode): string => `/api/v1/problems/${code}`;

const RESERVED = new Set(['type', 'title', 'status', 'code', 'detail', 'instance', 'errors']);

/** Builds a problem for `code`; `extra` adds field/state/allowedActions or extension members. */
export function problem(
  code: ProblemCode,
  detail: string,
  extra: Record<string, unknown> = {},
): ProblemDetails {
  const { status, title } = PROBLEM_CATALOGUE[code];
  const extensions = Object.fromEntries(
    Object.entries(extra).filter(([k, v]) => !RESERVED.has(k) && v !== undefined),
  );
  const errors = Array.isArray(extra.errors) ? { errors: extra.errors as Issue[] } : {};
  return { type: problemType(code), title, status, code, detail, ...extensions, ...errors };
}

const isFastifyError = (e: unknown): e is FastifyError =>
  e instanceof Error && typeof (e as { code?: unknown }).code === 'string';

/** Maps fastify's own request errors (parsing, limits, schema validation) to problems. */
function fromFastifyError(error: FastifyError, request: FastifyRequest): ProblemDetails | null {
  if (error.validation) {
    if (error.validationContext === 'params') {
      // A malformed id cannot name anything: answer exactly like an unknown one.
      const resource = request.routeOptions.config.resource ?? 'resource';
      const params = request.params as Record<string, unknown>;
      const id = typeof params.id === 'string' ? params.id : '';
      return problem('not_found', `${resource} ${id} not found`.replace(/\s+/g, ' '), { id });
    }
    const errors = issuesOf(error.validation, error.validationContext);
    const first = errors[0];
    const detail =
      errors.length > 1
        ? `${first?.detail} (and ${errors.length - 1} more)`
        : (first?.detail ?? error.message);
    return problem('invalid_request', detail, { field: first?.field, errors });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem('invalid_request', 'the body is not valid JSON');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem('invalid_request', 'the body is empty; send a JSON object');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(
        'payload_too_large',
        `the body exceeds the limit of ${request.routeOptions.bodyLimit} bytes`,
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem('unsupported_media_type', 'send the body as application/json');
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return { ...problem('invalid_request', error.message), status, title: 'Bad request' };
  }
  return null;
}

/** The problem for any error; null means "unexpected" (log it, answer 500). */
export function problemFromError(error: unknown, request: FastifyRequest): ProblemDetails | null {
  if (error instanceof DomainError) return problem(error.code, error.message, error.details);
  if (isFastifyError(error) && error.code !== 'FST_ERR_RESPONSE_SERIALIZATION') {
    return fromFastifyError(error, request);
  }
  return null;
}

/** Sends `p` as application/problem+json. */
export function sendProblem(reply: FastifyReply, request: FastifyRequest, p: ProblemDetails): FastifyReply {
  if (p.status === 401) reply.header('www-authenticate', 'Bearer realm="schakel"');
  // Serialised here, not by the route's response schema, so an error can never fail serialisation.
  return reply
    .code(p.status)
    .type('application/problem+json')
    .send(JSON.stringify({ ...p, instance: request.url.split('?')[0] }));
}

/** Installs the error and not-found handlers that answer with problem details. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const p = problemFromError(error, request);
    if (p) {
      if (p.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendProblem(reply, request, p);
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendProblem(
      reply,
      request,
      problem(
        'internal_error',
        `an unexpected error occurred; quote request ${request.id} when reporting it`,
        {
          requestId: request.id,
        },
      ),
    );
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      request,
      problem('not_found', `there is no ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
}
