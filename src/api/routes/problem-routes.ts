// Problem types are URIs (/api/v1/problems/<code>); this makes them resolvable, as RFC 9457 suggests.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../domain/errors.ts';
import { PROBLEM_CATALOGUE, type ProblemCode } from '../problem-details.ts';
import { problemResponses } from '../schemas/problem-schemas.ts';

const ProblemType = z
  .object({ code: z.string(), status: z.number().int(), title: z.string() })
  .describe('The problem type.');

const isProblemCode = (code: string): code is ProblemCode => Object.hasOwn(PROBLEM_CATALOGUE, code);

/** GET /problems/{code}. */
export function problemRoutes(): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/problems/:code',
      {
        config: { public: true },
        schema: {
          tags: ['node'],
          operationId: 'problemType',
          summary: 'What a problem type (the `type` of an error response) means',
          security: [],
          params: z.strictObject({ code: z.string().max(50) }),
          response: { 200: ProblemType, ...problemResponses(404) },
        },
      },
      (request) => {
        const { code } = request.params;
        if (!isProblemCode(code)) throw notFound('problem type', code);
        return { code, ...PROBLEM_CATALOGUE[code] };
      },
    );
    done();
  };
}
