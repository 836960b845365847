// Turns schema validation failures (zod issues as reported by fastify-type-provider-zod) into
// problem-details issues that name the offending field the way the domain does: `lines[0].unitCode`.
import type { FastifySchemaValidationError } from 'fastify';

export interface Issue {
  field: string;
  detail: string;
  code: string;
}

/** `/lines/0/unitCode` → `lines[0].unitCode`. */
export function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .filter((s) => s !== '')
    .reduce((path, seg) => (/^\d+$/.test(seg) ? `${path}[${seg}]` : path ? `${path}.${seg}` : seg), '');
}

const join = (base: string, key: string): string => (base ? `${base}.${key}` : key);

/** Readable issues, one per offending field (unknown keys are split so that each is named). */
export function issuesOf(errors: FastifySchemaValidationError[], context: string | undefined): Issue[] {
  return errors.flatMap((e): Issue[] => {
    const field = fieldPath(e.instancePath);
    const params = e.params as { keys?: unknown };
    if (e.keyword === 'unrecognized_keys' && Array.isArray(params.keys)) {
      return params.keys.map((k) => ({
        field: join(field, String(k)),
        detail: `${join(field, String(k))} is not a known field`,
        code: 'unknown_field',
      }));
    }
    // zod reports a missing key as a type error on `undefined`; the input itself is not passed along,
    // so the message is the only way to tell "missing" from "wrong type".
    if (e.keyword === 'invalid_type' && /received undefined$/.test(e.message ?? '')) {
      return [{ field, detail: `${field} is required`, code: 'required' }];
    }
    const what = field || (context === 'body' ? 'the body' : 'the request');
    return [{ field, detail: `${what}: ${e.message ?? 'is invalid'}`, code: e.keyword }];
  });
}
