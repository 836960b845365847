// `schakel demo` and `schakel start` as real processes: announce the URL, serve, stop cleanly on SIGTERM.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/cli/data-lock.ts';
import { exitOf, runCli, spawnCli, waitForOutput } from './run-cli.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'schakel-start-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('schakel demo and start', () => {
  it('demo (through the bin shim) seeds, prints URL, logins and tokens, and stops on SIGTERM', async () => {
    const child = spawnCli(['demo', '--data', dir, '--port', '0'], { viaShim: true });
    try {
      const ready = await waitForOutput(child, /API token\s+sk_\S+\s+Send a token/, 240_000);
      const out = ready.stdout();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
      expect(out).toContain('Added 5 companies, 15 users and');
      expect(out).toContain('the password is schakel-demo-2026');
      expect(out).toMatch(/purchasing\s+anna@vandijk\.example\s+Anna de Vries/);
      expect(out.match(/API token\s+sk_[\w-]+/g)).toHaveLength(5);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);

      // While the node runs, its data directory is locked for other processes.
      const locked = await runCli(['company', 'list', '--data', dir]);
      expect(locked.code).toBe(1);
      expect(locked.stderr).toMatch(/is in use by process \d+ \(schakel demo/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  }, 300_000);

  it('start on a port in use says so before it touches the data directory', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    const data = join(dir, 'port-in-use');
    try {
      const r = await runCli(['start', '--data', data, '--port', String(port)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`port ${port} on 127.0.0.1 is already in use; choose another with --port`);
      // Neither locked nor opened: the directory was not even created.
      expect(existsSync(join(data, LOCK_FILE))).toBe(false);
      expect(existsSync(data)).toBe(false);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 120_000);

  it('start answers /healthz on a free port and exits cleanly on SIGTERM', async () => {
    const child = spawnCli(['start', '--data', dir, '--port', '0']);
    const ready = await waitForOutput(child, /listening on (http:\/\/127\.0\.0\.1:(\d+))/, 120_000).catch(
      (e: unknown) => {
        child.kill('SIGTERM');
        throw e;
      },
    );
    try {
      expect(Number(ready.match[2])).toBeGreaterThan(0);
      const health = await fetch(`${ready.match[1]}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
    expect(ready.stderr()).toContain('Stopped.');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  }, 180_000);
});
