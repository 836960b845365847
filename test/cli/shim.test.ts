// bin/schakel.mjs on a Node without type stripping re-runs the command with the project's Node 24.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, SHIM } from './run-cli.ts';

/** A Node on PATH (outside node_modules) older than 22.18, such as a system Node 20; undefined if none. */
function findOldNode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(dir, 'node');
    if (dir.includes('node_modules') || !existsSync(path)) continue;
    const version = spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (major < 22 || (major === 22 && minor < 18)) return path;
  }
  return undefined;
}

const oldNode = findOldNode();
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe.skipIf(!oldNode)(`bin/schakel.mjs on an old Node (${oldNode ?? 'none found'})`, () => {
  it('runs the command with the project Node and passes on its output and exit code', () => {
    const ok = spawnSync(oldNode!, [SHIM, '--version'], { encoding: 'utf8', env: cliEnv() });
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim()).toBe(version);

    const usage = spawnSync(oldNode!, [SHIM, 'token', 'create'], { encoding: 'utf8', env: cliEnv() });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/required option '--company <scheme:value>' not specified/);
  }, 60_000);
});
