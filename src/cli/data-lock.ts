// One process per PGlite data directory. Embedded PostgreSQL has no server process of its own, so two
// processes opening the same directory (a running `schakel start` and a `schakel user add`) would both
// write to the same files and corrupt them. A lock file with the owner's pid prevents that; a lock left
// behind by a process that no longer runs is taken over.
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { CliError } from './cli-errors.ts';

export const LOCK_FILE = 'schakel.lock';

export interface LockContent {
  pid: number;
  command: string;
  since: string;
  /** Where a running node serves HTTP, so that short commands can use its API instead of the store. */
  url?: string;
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const mtimeMs = (path: string): number => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
};

function readLock(path: string): LockContent | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockContent>;
    return typeof parsed.pid === 'number'
      ? {
          pid: parsed.pid,
          command: String(parsed.command ?? '?'),
          since: String(parsed.since ?? '?'),
          ...(typeof parsed.url === 'string' ? { url: parsed.url } : {}),
        }
      : null;
  } catch {
    return null;
  }
}

/** Takes the lock on `dataDir` for `command`; returns the release function. Throws a CliError when the directory is in use. */
export function lockDataDir(dataDir: string, command: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(
        fd,
        JSON.stringify({ pid: process.pid, command, since: new Date().toISOString() } satisfies LockContent),
      );
      closeSync(fd);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        process.off('exit', release);
        if (readLock(path)?.pid === process.pid) unlinkSync(path);
      };
      // A process that exits without closing (an uncaught error) still gives the directory back.
      process.on('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = readLock(path);
    // An unreadable lock younger than a second is most likely being written right now.
    const fresh = !holder && Date.now() - mtimeMs(path) < 1000;
    if (fresh || (holder && isRunning(holder.pid))) {
      throw new CliError(
        `the data directory ${dataDir} is in use by ${holder ? `process ${holder.pid} (schakel ${holder.command}, since ${holder.since})` : 'another process'}; ` +
          'stop that process first, or set DATABASE_URL to use PostgreSQL, which several processes can share',
      );
    }
    // Stale (its process is gone) or unreadable: remove it and try again.
    try {
      unlinkSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  throw new CliError(`could not lock the data directory ${dataDir}; another schakel process keeps taking it`);
}

/** The running process that holds the lock on `dataDir`, or null when the directory is free (or the lock stale). */
export function lockHolder(dataDir: string): LockContent | null {
  const holder = readLock(join(dataDir, LOCK_FILE));
  return holder && holder.pid !== process.pid && isRunning(holder.pid) ? holder : null;
}

/** Records in this process's lock on `dataDir` the URL its node listens on (see `lockHolder`). */
export function recordLockUrl(dataDir: string, url: string): void {
  const path = join(dataDir, LOCK_FILE);
  const own = readLock(path);
  if (own?.pid !== process.pid) return;
  // Rewritten in place (not replaced): the lock must never be absent, even for a moment.
  writeFileSync(path, JSON.stringify({ ...own, url } satisfies LockContent));
}
