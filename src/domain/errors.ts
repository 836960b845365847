/**
 * Domain errors carry a stable machine code, a plain message and (when known) the offending field
 * or the current state, so that every transport can explain exactly what went wrong.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'transition_not_allowed'
  | 'conflict'
  | 'version_conflict'
  | 'unauthenticated'
  | 'forbidden';

export interface DomainErrorDetails {
  /** JSON path of the offending input, e.g. `lines[2].quantity`. */
  field?: string;
  /** Current lifecycle state when an action is refused. */
  state?: string;
  /** Actions allowed in that state. */
  allowedActions?: string[];
  [key: string]: unknown;
}

/** An error a user or integrator can act on; never an internal failure. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: DomainErrorDetails;
  constructor(code: ErrorCode, message: string, details: DomainErrorDetails = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

/** Shorthand for a validation error on one field. */
export function invalid(field: string, message: string): DomainError {
  return new DomainError('validation_failed', message, { field });
}

/** Shorthand for "no such thing (for you)": foreign ids look exactly like missing ones. */
export function notFound(what: string, id: string): DomainError {
  return new DomainError('not_found', `${what} ${id} not found`, { id });
}
