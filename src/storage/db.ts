// The one database interface both stores implement: PGlite (embedded, default) and PostgreSQL (pg).
// Everything above it speaks the same SQL; see migrations/ for the schema.

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Db {
  /** Runs one parameterised statement ($1, $2 …). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Runs `fn` in a transaction; a thrown error rolls everything back. Nested calls join the outer one. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
}

export interface Database extends Db {
  readonly kind: 'pglite' | 'postgres';
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL error codes we translate into domain errors. */
export const PG_UNIQUE_VIOLATION = '23505';

/** The SQLSTATE of a database error, if it has one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
