// `schakel partner add` while a node runs on the data directory: the store is locked, so the command
// goes through the running node's API with an admin token. Real processes and real HTTP: node A is a
// `schakel start` child process, the partner's node B runs in this process and publishes its card.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type RunningNode } from '../../src/cli/start-node.ts';
import type { Partner } from '../../src/app/partners/index.ts';
import { exitOf, runCli, spawnCli, waitForOutput } from './run-cli.ts';

const A_ID = '0106:11112222';
const B_ID = '0106:33334444';

let dir: string;
let nodeA: ChildProcess;
let urlA: string;
let adminToken: string;
let salesToken: string;
let nodeB: RunningNode;
let fingerprintB: string;

const remotePartners = async (): Promise<Partner[]> => {
  const r = await fetch(`${urlA}/api/v1/partners`, { headers: { authorization: `Bearer ${adminToken}` } });
  return ((await r.json()) as { items: Partner[] }).items.filter((p) => p.remote);
};

const partnerAdd = (args: string[], env: Record<string, string> = {}) =>
  runCli(['partner', 'add', nodeB.url, '--participant', B_ID, '--data', dir, ...args], { env });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'schakel-partner-api-'));
  nodeB = await startNode({ deliveryIntervalMs: 0 });
  await nodeB.services.registerCompany({ name: 'Draaierij B BV', identifiers: [B_ID], country: 'NL' });
  fingerprintB = (await nodeB.services.fetchPartnerCard(nodeB.url, B_ID)).fingerprint;
  const made = await runCli(['company', 'add', '--data', dir, '--name', 'Machinebouw A BV', '--id', A_ID]);
  expect(made.code, made.stderr).toBe(0);
  // Each command opens the store: one process at a time, before the node takes the directory.
  adminToken = (
    await runCli(['token', 'create', '--data', dir, '--company', A_ID, '--role', 'admin'])
  ).stdout.trim();
  salesToken = (
    await runCli(['token', 'create', '--data', dir, '--company', A_ID, '--role', 'sales'])
  ).stdout.trim();
  nodeA = spawnCli(['start', '--data', dir, '--port', '0']);
  urlA = (await waitForOutput(nodeA, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 120_000)).match[1]!;
}, 300_000);

afterAll(async () => {
  nodeA?.kill('SIGTERM');
  if (nodeA) await exitOf(nodeA);
  await nodeB?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('schakel partner add against a running node', { timeout: 120_000 }, () => {
  it('asks for an API token instead of failing on the lock', async () => {
    const r = await partnerAdd(['--fingerprint', fingerprintB]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the node at ${urlA} is running`);
    expect(r.stderr).toMatch(/--token <token> or SCHAKEL_TOKEN/);
  });

  it('refuses a wrong fingerprint, a sales token and a missing confirmation, pinning nothing', async () => {
    const wrong = await partnerAdd(['--fingerprint', '0000 1111'], { SCHAKEL_TOKEN: adminToken });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`key fingerprint: ${fingerprintB}`);
    expect(wrong.stderr).toMatch(/nothing was pinned \(field fingerprint, option --fingerprint\)/);

    const sales = await partnerAdd(['--token', salesToken, '--yes']);
    expect(sales.code).toBe(1);
    expect(sales.stderr).toMatch(/may not admin: use an API token with the admin role/);

    // Not a TTY and neither --fingerprint nor --yes: nobody confirmed, so nothing is pinned.
    const unconfirmed = await partnerAdd(['--token', adminToken]);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toMatch(/not pinned: confirm the fingerprint interactively/);
    expect(await remotePartners()).toEqual([]);
  });

  it('explains an unknown participant, an unreachable node and a refused token', async () => {
    const unknown = await runCli(
      ['partner', 'add', nodeB.url, '--participant', '0106:99998888', '--data', dir, '--yes'],
      { env: { SCHAKEL_TOKEN: adminToken } },
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /hosts no participant 0106:99998888 \(field participant, option --participant\)/,
    );

    const down = await partnerAdd(['--node', 'http://127.0.0.1:1', '--token', adminToken, '--yes']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/the node at http:\/\/127\.0\.0\.1:1 cannot be reached .*is it running\?/);

    const partnerDown = await runCli(
      ['partner', 'add', 'http://127.0.0.1:1', '--participant', B_ID, '--data', dir, '--yes'],
      { env: { SCHAKEL_TOKEN: adminToken } },
    );
    expect(partnerDown.code).toBe(1);
    expect(partnerDown.stderr).toMatch(
      /the node at http:\/\/127\.0\.0\.1:1 cannot be reached.*option <node-url>/,
    );

    const refused = await partnerAdd(['--token', 'sk_not-a-token', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refused the API token/);
    expect(await remotePartners()).toEqual([]);
  });

  it('pins the partner through the running node with the confirmed fingerprint', async () => {
    const r = await partnerAdd(['--fingerprint', fingerprintB.replace(/ /g, ':')], {
      SCHAKEL_TOKEN: adminToken,
    });
    expect(r.stderr).toContain(`Draaierij B BV (${B_ID}) at ${nodeB.url}`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`pinned ${B_ID} (Draaierij B BV) at ${nodeB.url}`);
    expect(await remotePartners()).toMatchObject([
      { name: 'Draaierij B BV', remote: { participant: B_ID, fingerprints: [fingerprintB] } },
    ]);
    const listed = await runCli(['partner', 'list', '--data', dir], { env: { SCHAKEL_TOKEN: salesToken } });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`${B_ID}\\s+Draaierij B BV\\s+${nodeB.url}\\s+${fingerprintB}`));
    // --node names the node explicitly (here the same one): the partner is there already.
    const again = await partnerAdd(['--node', urlA, '--token', adminToken, '--yes']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already a partner/);
  });
});
