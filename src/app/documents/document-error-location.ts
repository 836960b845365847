// Use cases name the offending input as a field of their own input (`answers[2].reason`); for a
// document the person needs the place in the document. This translates one into the other.
import { DomainError } from '../../domain/errors.ts';

/** Runs `fn`; a domain error about `<collection>[i]…` gets the document XPath of that item. */
export async function locatedIn<T>(paths: Record<string, string[]>, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof DomainError) || typeof e.details.field !== 'string') throw e;
    const m = /^(\w+)\[(\d+)\]/.exec(e.details.field);
    const where = m ? paths[m[1]!]?.[Number(m[2])] : undefined;
    if (!where) throw e;
    throw new DomainError(e.code, `${e.message} (at ${where})`, { ...e.details, field: where });
  }
}
