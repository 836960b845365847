// Building blocks shared by the request and response schemas. The same zod schemas validate requests
// and generate the OpenAPI document, so what the document says is what the node enforces.
import { z } from 'zod';

/**
 * A decimal in a request: a JSON string (preferred, exact) or a JSON number. Only the shape is checked
 * here; range and precision (e.g. "greater than zero") are domain rules and answer 422.
 */
export const DecimalInput = z
  .union([z.string().regex(/^-?\d+(\.\d+)?$/), z.number()])
  .describe('Decimal number, preferably as a string such as "12.50"; numbers are accepted too.');

/** A decimal in a response: always a canonical string, never a binary float. */
export const DecimalOutput = z.string().describe('Decimal number as a string, e.g. "12.5".');

/** A calendar date; impossible dates such as 2026-02-30 are refused. */
export const DateString = z.iso.date().describe('Calendar date YYYY-MM-DD.');

/** An ISO 8601 timestamp in responses. */
export const Timestamp = z.string().describe('ISO 8601 timestamp (UTC).');

/** A UUID in any version: ids minted by other nodes need not be version 4. */
export const Uuid = z.guid();

/** Path parameter `{id}` of a resource addressed by UUID (a malformed id answers 404). */
export const IdParams = z.strictObject({ id: Uuid });

/** The optimistic-concurrency precondition of every order action. */
export const IfMatchHeaders = z.looseObject({
  'if-match': z
    .string()
    .regex(/^(\*|"\d+")$/, 'If-Match must be the ETag of the order, e.g. "3"')
    .optional()
    .describe(
      'Optional. The ETag of the order version the action is based on, e.g. "3" (from GET /orders/{id} or ' +
        'the previous action). A stale one answers 409 `version_conflict` (not 412) with `expectedVersion` ' +
        'and `currentVersion`, and nothing changes. Without it, or with `*`, there is no version check: the ' +
        'action applies to the order as it is when the action runs (the last writer wins), and every other ' +
        'check still applies: permissions and the order rules (e.g. 409 `transition_not_allowed` when a line ' +
        'is no longer in a state that allows the action, 422 `validation_failed` for a quantity). Any other ' +
        'value answers 400.',
    ),
});

/** A free-text field a person fills in, e.g. a reason or a note. */
export const Text = z.string().max(1000);

/** Optional free text that may also be sent as null. */
export const OptionalText = Text.nullish();

/** Wraps a list response as `{items}` so that lists can grow fields (cursors, counts) compatibly. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** An empty response body (204). */
export const NoContent = z.undefined().describe('No content');
