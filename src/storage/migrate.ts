// Versioned migrations, applied in name order at start, each once, inside one transaction with an
// advisory lock so that several nodes starting against one PostgreSQL do not race.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './db.ts';

const DIR = join(import.meta.dirname, 'migrations');
const LOCK_ID = 7_262_911; // arbitrary, fixed: "schakel migrations"

/** Applies pending migrations; returns the names applied now. */
export async function migrate(db: Database): Promise<string[]> {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_ID]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set(
      (await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name),
    );
    const applied: string[] = [];
    for (const file of files.filter((f) => !done.has(f))) {
      // Statements are split on lines holding only ';'-terminated SQL; dollar-quoted bodies stay whole.
      for (const statement of splitSql(readFileSync(join(DIR, file), 'utf8'))) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
      applied.push(file);
    }
    return applied;
  });
}

/** Splits a SQL script into statements, keeping $$-quoted function bodies intact. */
export function splitSql(script: string): string[] {
  const withoutComments = script.replace(/^\s*--.*$/gm, '');
  const out: string[] = [];
  let current = '';
  let inDollar = false;
  for (const part of withoutComments.split(/(\$\$|;)/)) {
    if (part === '$$') inDollar = !inDollar;
    if (part === ';' && !inDollar) {
      if (current.trim()) out.push(current.trim());
      current = '';
    } else current += part;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
