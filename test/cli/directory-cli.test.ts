// The directory as real `schakel` processes: `start --directory` serves as a directory, `directory
// register` publishes a company's signed card there, `partner add --directory` pins it from there only
// with the right fingerprint, and after `keys rotate` the company's node registers the new card itself.
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

      // A rotation while B's node is not running only marks the registration; B's node, once started,
      // registers the new card (signed by the old and the new key) there by itself.
      const signatures = async () =>
        (
          (await (await fetch(`${url}/.well-known/schakel/participants/${B_ID}`)).json()) as {
            proof: { signatures: unknown[] };
          }
        ).proof.signatures.length;
      const rotated = await runCli(['keys', 'rotate', '--data', bData, '--company', B_ID]);
      expect(rotated.code, rotated.stderr).toBe(0);
      expect(rotated.stdout).toContain(`card to register again at: ${url} (done by the running node)`);
      expect(await signatures()).toBe(1);
      const nodeB = spawnCli(['start', '--data', bData, '--port', '0']);
      try {
        await waitForOutput(nodeB, /listening on http/, 180_000);
        const until = Date.now() + 60_000;
        while ((await signatures()) < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
        expect(await signatures()).toBe(2);
      } finally {
        nodeB.kill('SIGTERM');
      }
      expect(await exitOf(nodeB)).toEqual({ code: 0, signal: null });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
  }, 600_000);
});
