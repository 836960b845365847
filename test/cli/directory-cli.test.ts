// The directory as real `schakel` processes: `start --directory` serves as a directory, `directory
// register` publishes a company's signed card there, and `partner add --directory` pins it from there
// only with the right fingerprint.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitOf, runCli, spawnCli, waitForOutput } from './run-cli.ts';

const A_ID = '0106:11112222';
const B_ID = '0106:33334444';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'schakel-directory-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('schakel start --directory, directory register, partner add --directory', () => {
  it('registers a card at a directory process and pins it from there after the fingerprint check', async () => {
    const [dirData, aData, bData] = [join(root, 'dir'), join(root, 'a'), join(root, 'b')];
    const added = await Promise.all([
      runCli(['company', 'add', '--data', aData, '--name', 'Machinebouw A', '--id', A_ID]),
      runCli(['company', 'add', '--data', bData, '--name', 'Draaierij B', '--id', B_ID]),
    ]);
    for (const r of added) expect(r.code, r.stderr).toBe(0);

    const child = spawnCli(['start', '--data', dirData, '--port', '0', '--directory']);
    const ready = await waitForOutput(
      child,
      /node and directory listening on (http:\/\/127\.0\.0\.1:\d+)/,
      180_000,
    ).catch((e: unknown) => {
      child.kill('SIGTERM');
      throw e;
    });
    const url = ready.match[1]!;
    try {
      const reg = await runCli([
        'directory',
        'register',
        url,
        '--data',
        bData,
        '--company',
        B_ID,
        '--endpoint',
        'http://127.0.0.1:1',
      ]);
      expect(reg.code, reg.stderr).toBe(0);
      expect(reg.stdout).toContain(`registered ${B_ID} at ${url}`);
      const card = (await (await fetch(`${url}/.well-known/schakel/participants/${B_ID}`)).json()) as {
        endpoint: string;
      };
      expect(card.endpoint).toBe('http://127.0.0.1:1');

      const both = await runCli([
        'partner',
        'add',
        url,
        '--directory',
        url,
        '--participant',
        B_ID,
        '--data',
        aData,
      ]);
      expect(both.code).not.toBe(0);
      expect(both.stderr).toContain('either');

      const wrong = await runCli([
        'partner',
        'add',
        '--directory',
        url,
        '--participant',
        B_ID,
        '--fingerprint',
        '0000',
        '--data',
        aData,
      ]);
      expect(wrong.code).not.toBe(0);
      expect(wrong.stderr).toMatch(/nothing was pinned/);
      const fp = /key fingerprint: ([0-9a-f ]+)\n/.exec(wrong.stderr)![1]!;

      const pinned = await runCli([
        'partner',
        'add',
        '--directory',
        url,
        '--participant',
        B_ID,
        '--fingerprint',
        fp,
        '--data',
        aData,
      ]);
      expect(pinned.code, pinned.stderr).toBe(0);
      expect(pinned.stdout).toContain(`pinned ${B_ID} (Draaierij B) at http://127.0.0.1:1`);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
  }, 600_000);
});
