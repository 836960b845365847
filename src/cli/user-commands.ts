// schakel user add — a person who logs in to a company's web interface.
import { type Command, Option } from 'commander';
import { USER_ROLES, type UserRole } from '../domain/company-types.ts';
import { EXIT_USAGE_ERROR, withHints } from './cli-errors.ts';
import { dataOption, out, printJson, resolveCompany, withServices } from './cli-context.ts';

interface AddOptions {
  company: string;
  email: string;
  name: string;
  role: UserRole;
  password?: string;
  json?: boolean;
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('users who log in to a company');

  dataOption(
    user
      .command('add')
      .description('add a user to a company')
      .requiredOption('--company <scheme:value>', 'identifier of the company, e.g. 0088:8719401000015')
      .requiredOption('--email <email>', 'e-mail address, used to log in')
      .requiredOption('--name <name>', 'full name, shown in the order history')
      .addOption(
        new Option('--role <role>', 'what the user may do').choices(USER_ROLES).makeOptionMandatory(),
      )
      .option(
        '--password <password>',
        'initial password, at least 10 characters (better: set SCHAKEL_PASSWORD, which stays out of the shell history)',
      )
      .option('--json', 'print the user as JSON'),
  ).action(
    withHints(
      {
        email: '--email',
        name: '--name',
        role: '--role',
        password: '--password',
        companyId: '--company',
        company: '--company',
      },
      async (opts: AddOptions, cmd: Command) => {
        const password = opts.password ?? process.env.SCHAKEL_PASSWORD;
        if (password === undefined) {
          cmd.error(
            'error: give the password with --password or in the environment variable SCHAKEL_PASSWORD',
            { exitCode: EXIT_USAGE_ERROR },
          );
        }
        const { added, company } = await withServices(cmd, async (services) => {
          const company = await resolveCompany(services, opts.company);
          const added = await services.addUser({
            companyId: company.id,
            email: opts.email,
            name: opts.name,
            role: opts.role,
            password,
          });
          return { added, company };
        });
        if (opts.json) printJson(added);
        else
          out(`Added ${added.name} <${added.email}> as ${added.role} to ${company.name}\n  id  ${added.id}`);
      },
    ),
  );
}
