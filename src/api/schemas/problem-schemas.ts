// RFC 9457 problem details as returned by every error response of the API.
import { z } from 'zod';

/** One offending input when a request has several problems. */
export const ProblemIssue = z.object({
  field: z.string().describe('Path of the offending input, e.g. lines[0].schedule[1].date.'),
  detail: z.string(),
  code: z.string().optional(),
});

/** application/problem+json body. Extension members beyond these may appear (e.g. currentVersion). */
export const Problem = z
  .looseObject({
    type: z.string().describe('URI identifying the problem type.'),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Stable machine-readable code, e.g. validation_failed, version_conflict.'),
    detail: z.string().describe('Plain explanation of this occurrence.'),
    instance: z.string().optional(),
    field: z.string().optional().describe('Path of the offending input, when known.'),
    state: z.string().optional().describe('Current lifecycle state when an action is refused.'),
    allowedActions: z.array(z.string()).optional().describe('Actions allowed in that state.'),
    errors: z.array(ProblemIssue).optional().describe('Every issue, when a request has several.'),
  })
  .meta({ id: 'Problem' });

const STATUS_TEXT = {
  400: 'The request is malformed: invalid JSON, unknown or missing fields, wrong types',
  401: 'Not authenticated: log in or send an API token',
  403: 'The caller’s role does not allow this',
  404: 'Not found (or not visible to the caller’s company)',
  409: 'Refused in the current state, a conflict, or a stale If-Match version',
  413: 'The request body is too large',
  415: 'The request body must be application/json',
  422: 'The request is well-formed but breaks a business rule',
} as const;

type ProblemStatus = keyof typeof STATUS_TEXT;

interface ProblemResponse {
  description: string;
  content: { 'application/problem+json': { schema: typeof Problem } };
}

/** OpenAPI response entries for the given error statuses, all with a problem+json body. */
export function problemResponses<const S extends ProblemStatus>(
  ...statuses: S[]
): Record<S, ProblemResponse> {
  const responses = {} as Record<S, ProblemResponse>;
  for (const s of statuses) {
    responses[s] = {
      description: STATUS_TEXT[s],
      content: { 'application/problem+json': { schema: Problem } },
    };
  }
  return responses;
}
