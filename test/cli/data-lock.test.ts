// One process per PGlite data directory; a lock left by a dead process is taken over.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/cli-errors.ts';
import { LOCK_FILE, lockDataDir } from '../../src/cli/data-lock.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'schakel-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('lockDataDir', () => {
  it('admits one holder at a time and is free again after release', () => {
    const release = lockDataDir(dir, 'start');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
      command: 'start',
    });
    expect(() => lockDataDir(dir, 'user add')).toThrow(CliError);
    expect(() => lockDataDir(dir, 'user add')).toThrow(
      new RegExp(`in use by process ${process.pid} \\(schakel start`),
    );
    release();
    release(); // twice is harmless
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    lockDataDir(dir, 'user add')();
  });

  it('takes over a lock whose process is gone', () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: gone, command: 'start', since: '2026-01-01T00:00:00.000Z' }),
    );
    const release = lockDataDir(dir, 'company add');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    release();
  });
});
