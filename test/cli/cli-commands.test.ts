// The short commands, run as real processes against one temporary PGlite directory:
// company add → user add → token create → orders list/show, plus error handling and --help.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Company } from '../../src/domain/company-types.ts';
import type { OrderView } from '../../src/domain/order-view.ts';
import { createServices, defaultDeps } from '../../src/app/node.ts';
import type { OrderSummary } from '../../src/storage/orders-repository.ts';
import { openStore } from '../../src/storage/store.ts';
import { runCli } from './run-cli.ts';

const OEM_GLN = '0088:8719401000015';
const SUPPLIER_GLN = '0088:8719402000021';

let dir: string;
let data: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'schakel-cli-'));
  data = ['--data', join(dir, 'data')];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Issues one order from the OEM to the supplier in-process (the CLI has no command for that). */
async function issueOrderInStore(): Promise<void> {
  const store = await openStore({ dataDir: join(dir, 'data') });
  try {
    const services = createServices(defaultDeps(store));
    const oem = (await store.companies.findByIdentifier('0088', '8719401000015'))!;
    const caller = {
      companyId: oem.id,
      role: 'purchasing' as const,
      actor: { companyId: oem.id, companyName: oem.name, userId: null, tokenId: null, name: 'test' },
    };
    await services.issueOrder(caller, {
      number: 'PO-CLI-1',
      issueDate: '2026-03-02',
      currency: 'EUR',
      seller: SUPPLIER_GLN,
      lines: [
        {
          lineId: '10',
          item: { name: 'Aandrijfas Ø40', buyerItemId: 'VDM-1', sellerItemId: 'BA-1' },
          unitCode: 'C62',
          price: { amount: '86.40' },
          schedule: [{ date: '2099-01-15', quantity: '40' }],
        },
      ],
    });
  } finally {
    await store.close();
  }
}

describe('schakel short commands', () => {
  it('adds companies, a user and a token, and lists and shows orders', async () => {
    const oem = await runCli([
      'company',
      'add',
      ...data,
      '--name',
      'Van Dijk Machinebouw B.V.',
      '--id',
      OEM_GLN,
      '--id',
      '0106:17093842',
      '--id',
      '9944:NL854017239B01',
      '--city',
      'Eindhoven',
      '--json',
    ]);
    expect(oem.stderr).toBe('');
    expect(oem.code).toBe(0);
    const company = JSON.parse(oem.stdout) as Company;
    expect(company).toMatchObject({ name: 'Van Dijk Machinebouw B.V.', city: 'Eindhoven', country: 'NL' });
    expect(company.identifiers.map((i) => `${i.scheme}:${i.value}`)).toEqual(
      expect.arrayContaining([OEM_GLN, '0106:17093842', '9944:NL854017239B01']),
    );

    const supplier = await runCli([
      'company',
      'add',
      ...data,
      '--name',
      'Brabant Assemblage B.V.',
      '--id',
      SUPPLIER_GLN,
    ]);
    expect(supplier.code).toBe(0);
    expect(supplier.stdout).toMatch(/Registered Brabant Assemblage B\.V\./);
    expect(supplier.stdout).toMatch(/id\s+[0-9a-f-]{36}/);
    expect(supplier.stdout).toContain(`${SUPPLIER_GLN} (primary, GLN)`);

    const user = await runCli(
      [
        'user',
        'add',
        ...data,
        '--company',
        OEM_GLN,
        '--email',
        'anna@vandijk.example',
        '--name',
        'Anna de Vries',
        '--role',
        'purchasing',
      ],
      {
        env: { SCHAKEL_PASSWORD: 'schakel-demo-2026' },
      },
    );
    expect(user.stderr).toBe('');
    expect(user.code).toBe(0);
    expect(user.stdout).toContain(
      'Anna de Vries <anna@vandijk.example> as purchasing to Van Dijk Machinebouw B.V.',
    );

    const token = await runCli([
      'token',
      'create',
      ...data,
      '--company',
      OEM_GLN,
      '--name',
      'ERP koppeling',
      '--role',
      'purchasing',
    ]);
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^sk_[\w-]+\n$/);

    await issueOrderInStore();

    const list = await runCli(['orders', 'list', ...data, '--company', OEM_GLN, '--json']);
    expect(list.code).toBe(0);
    const summaries = JSON.parse(list.stdout) as OrderSummary[];
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      number: 'PO-CLI-1',
      role: 'buyer',
      status: 'issued',
      partner: { name: 'Brabant Assemblage B.V.' },
    });

    const sales = await runCli([
      'orders',
      'list',
      ...data,
      '--company',
      SUPPLIER_GLN,
      '--role',
      'seller',
      '--status',
      'issued,in_negotiation',
    ]);
    expect(sales.code).toBe(0);
    expect(sales.stdout).toMatch(/PO-CLI-1\s+seller\s+issued\s+Van Dijk Machinebouw B\.V\./);

    const shown = await runCli(['orders', 'show', 'PO-CLI-1', ...data, '--company', OEM_GLN, '--json']);
    expect(shown.code).toBe(0);
    const view = JSON.parse(shown.stdout) as OrderView;
    expect(view).toMatchObject({ id: summaries[0]!.id, number: 'PO-CLI-1', role: 'buyer', status: 'issued' });
    expect(view.lines[0]).toMatchObject({
      lineId: '10',
      state: 'open',
      quantities: { ordered: '40', agreed: '0' },
      allowedActions: expect.arrayContaining(['change', 'cancel']),
    });

    const text = await runCli(['orders', 'show', summaries[0]!.id, ...data, '--company', SUPPLIER_GLN]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Order PO-CLI-1 — issued');
    expect(text.stdout).toContain('the seller (sales order)');
    expect(text.stdout).toMatch(/requested\s+40 pc × 86\.40 EUR\/pc · 2099-01-15: 40/);
    expect(text.stdout).toMatch(/you may\s+accept, reject, propose/);
  }, 300_000);

  it('explains bad input on one line with a non-zero exit code', async () => {
    // These fail before the store opens, so they may run side by side.
    const [badGln, badRole, missingOption, badStatus, noDatabase, noPassword] = await Promise.all([
      runCli([
        'company',
        'add',
        '--data',
        join(dir, 'never-created'),
        '--name',
        'X B.V.',
        '--id',
        '0088:8719401000016',
      ]),
      runCli([
        'user',
        'add',
        ...data,
        '--company',
        OEM_GLN,
        '--email',
        'x@x.example',
        '--name',
        'X',
        '--role',
        'boss',
        '--password',
        'long-enough-1',
      ]),
      runCli(['orders', 'list', ...data]),
      runCli(['orders', 'list', ...data, '--company', OEM_GLN, '--status', 'late']),
      runCli(['orders', 'list', '--data', join(dir, 'typo'), '--company', OEM_GLN]),
      runCli([
        'user',
        'add',
        ...data,
        '--company',
        OEM_GLN,
        '--email',
        'x@x.example',
        '--name',
        'X',
        '--role',
        'viewer',
      ]),
    ]);
    // These open the data directory, which serves one process at a time.
    const unknownCompany = await runCli(['token', 'create', ...data, '--company', '0106:99999999']);
    const unknownOrder = await runCli(['orders', 'show', 'PO-NOPE', ...data, '--company', OEM_GLN]);

    expect(badGln).toMatchObject({ code: 1, stdout: '' });
    expect(badGln.stderr).toBe(
      'error: identifiers[0]: GLN 8719401000016 has a wrong check digit (option --id)\n',
    );

    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(
      /argument 'boss' is invalid\. Allowed choices are admin, purchasing, sales, viewer/,
    );

    expect(unknownCompany.code).toBe(1);
    expect(unknownCompany.stderr).toMatch(
      /^error: no company with identifier 0106:99999999 is hosted on this node/,
    );
    expect(unknownCompany.stdout).toBe('');

    expect(missingOption.code).toBe(2);
    expect(missingOption.stderr).toMatch(/required option '--company <scheme:value>' not specified/);

    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toMatch(/Unknown status late/);

    expect(unknownOrder.code).toBe(1);
    expect(unknownOrder.stderr).toBe(
      'error: Van Dijk Machinebouw B.V. has no order with number or id PO-NOPE\n',
    );

    expect(noDatabase.code).toBe(1);
    expect(noDatabase.stderr).toMatch(/there is no Schakel database in .*typo/);

    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toMatch(
      /give the password with --password or in the environment variable SCHAKEL_PASSWORD/,
    );

    for (const r of [
      badGln,
      badRole,
      unknownCompany,
      missingOption,
      badStatus,
      unknownOrder,
      noDatabase,
      noPassword,
    ]) {
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  }, 180_000);

  it('refuses a domain error with its message and the option behind the field', async () => {
    const short = await runCli([
      'user',
      'add',
      ...data,
      '--company',
      OEM_GLN,
      '--email',
      'kort@vandijk.example',
      '--name',
      'Kort',
      '--role',
      'viewer',
      '--password',
      'kort',
    ]);
    expect(short).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'error: password must have at least 10 characters (option --password)\n',
    });
    const again = await runCli(['company', 'add', ...data, '--name', 'Dubbel B.V.', '--id', OEM_GLN]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      `error: identifier ${OEM_GLN} already belongs to Van Dijk Machinebouw B.V. (field identifiers, option --id)\n`,
    );
  }, 120_000);

  it('prints help for every command', async () => {
    const commands = [
      [],
      ['start'],
      ['demo'],
      ['company'],
      ['company', 'add'],
      ['company', 'list'],
      ['user', 'add'],
      ['token', 'create'],
      ['orders', 'list'],
      ['orders', 'show'],
    ];
    const results = await Promise.all(commands.map((c) => runCli([...c, '--help'])));
    results.forEach((r, i) => {
      expect(r.code, commands[i]!.join(' ')).toBe(0);
      expect(r.stdout).toContain(`Usage: schakel${commands[i]!.length ? ` ${commands[i]!.join(' ')}` : ''}`);
    });
    expect(results[0]!.stdout).toContain('DATABASE_URL');
    expect(results[4]!.stdout).toContain('--id <scheme:value>');
  }, 60_000);
});
