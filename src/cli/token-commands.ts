// schakel token create — an API token for an ERP integration. stdout carries only the token, so that
// `TOKEN=$(schakel token create --company …)` works; it is shown this once and stored only as a hash.
import { type Command, Option } from 'commander';
import { USER_ROLES, type UserRole } from '../domain/company-types.ts';
import { withHints } from './cli-errors.ts';
import { dataOption, out, resolveCompany, withServices } from './cli-context.ts';

interface CreateOptions {
  company: string;
  name: string;
  role: UserRole;
}

export function registerTokenCommands(program: Command): void {
  const token = program.command('token').description('API tokens for integrations (ERP, scripts)');

  dataOption(
    token
      .command('create')
      .description('create an API token and print it (only the token, on stdout; it is not shown again)')
      .requiredOption('--company <scheme:value>', 'identifier of the company, e.g. 0088:8719401000015')
      .option('--name <name>', 'what the token is for, e.g. "ERP koppeling"', 'cli')
      .addOption(new Option('--role <role>', 'what the token may do').choices(USER_ROLES).default('admin')),
  ).action(
    withHints(
      { name: '--name', role: '--role', company: '--company' },
      async (opts: CreateOptions, cmd: Command) => {
        const { secret, company } = await withServices(cmd, async (services) => {
          const company = await resolveCompany(services, opts.company);
          const { token: secret } = await services.createApiToken(company.id, {
            name: opts.name,
            role: opts.role,
          });
          return { secret, company };
        });
        out(secret);
        if (process.stderr.isTTY) {
          process.stderr.write(
            `API token "${opts.name}" (${opts.role}) for ${company.name}; send it as "Authorization: Bearer <token>".\n`,
          );
        }
      },
    ),
  );
}
