// schakel orders list | show — a company's purchase and sales orders.
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Company } from '../domain/company-types.ts';
import { DomainError } from '../domain/errors.ts';
import { ORDER_STATUSES, type OrderStatus } from '../domain/order-status.ts';
import type { OrderView } from '../domain/order-view.ts';
import type { Role } from '../domain/order-types.ts';
import type { Services } from '../app/node.ts';
import type { OrderSummary } from '../storage/orders-repository.ts';
import { CliError, withHints } from './cli-errors.ts';
import {
  cliCaller,
  dataOption,
  out,
  parsePositiveInt,
  printJson,
  resolveCompany,
  withServices,
} from './cli-context.ts';
import { formatOrder, formatOrderList } from './format-order.ts';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** commander parser for --status: one or more statuses, comma-separated. */
function parseStatuses(value: string): OrderStatus[] {
  const statuses = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const wrong = statuses.filter((s) => !(ORDER_STATUSES as readonly string[]).includes(s));
  if (statuses.length === 0 || wrong.length) {
    throw new InvalidArgumentError(
      `Unknown status ${wrong.join(', ') || '(none)'}; use ${ORDER_STATUSES.join(', ')} (comma-separated for several).`,
    );
  }
  return statuses as OrderStatus[];
}

interface ListOptions {
  company: string;
  role?: Role;
  status?: OrderStatus[];
  late?: boolean;
  limit: number;
  json?: boolean;
}

/** Up to `limit` summaries, following the cursor across pages. */
async function listAll(
  services: Services,
  company: Company,
  opts: ListOptions,
): Promise<{ items: OrderSummary[]; more: boolean; counts: Record<string, number> }> {
  const items: OrderSummary[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await services.listOrders(cliCaller(company), {
      role: opts.role,
      status: opts.status,
      lateOnly: opts.late,
      limit: Math.min(500, opts.limit - items.length),
      cursor,
    });
    items.push(...page.items);
    if (!page.nextCursor) return { items, more: false, counts: page.counts };
    if (items.length >= opts.limit) return { items, more: true, counts: page.counts };
    cursor = page.nextCursor;
  }
}

/** An order of `company` by id or by number; a number that two partners used is ambiguous. */
async function findOrder(services: Services, company: Company, ref: string): Promise<OrderView> {
  const caller = cliCaller(company);
  if (UUID_RE.test(ref)) {
    try {
      return await services.getOrder(caller, ref);
    } catch (e) {
      if (!(e instanceof DomainError && e.code === 'not_found')) throw e;
    }
  }
  const matches: OrderSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await services.listOrders(caller, { q: ref, limit: 500, cursor });
    matches.push(...page.items.filter((o) => o.number === ref));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (matches.length === 0) throw new CliError(`${company.name} has no order with number or id ${ref}`);
  if (matches.length > 1) {
    const which = matches.map((o) => `${o.id} (${o.role}, ${o.partner.name})`).join('; ');
    throw new CliError(
      `order number ${ref} is used by several orders of ${company.name}: ${which}; give the id instead`,
    );
  }
  return services.getOrder(caller, matches[0]!.id);
}

export function registerOrderCommands(program: Command): void {
  const orders = program.command('orders').description("a company's purchase and sales orders");

  dataOption(
    orders
      .command('list')
      .description('list orders, newest first')
      .requiredOption('--company <scheme:value>', 'identifier of the company, e.g. 0088:8719401000015')
      .addOption(
        new Option('--role <role>', 'only purchase orders (buyer) or only sales orders (seller)').choices([
          'buyer',
          'seller',
        ]),
      )
      .option(
        '--status <status>',
        `only these statuses, comma-separated: ${ORDER_STATUSES.join(', ')}`,
        parseStatuses,
      )
      .option('--late', 'only orders with an agreed delivery date that has passed')
      .option('--limit <n>', 'at most this many orders', parsePositiveInt, 200)
      .option('--json', 'print the order summaries as a JSON array'),
  ).action(
    withHints(
      { company: '--company', limit: '--limit', status: '--status' },
      async (opts: ListOptions, cmd: Command) => {
        const { company, result } = await withServices(cmd, async (services) => {
          const company = await resolveCompany(services, opts.company);
          return { company, result: await listAll(services, company, opts) };
        });
        if (opts.json) return printJson(result.items);
        if (result.items.length === 0)
          return out(
            `${company.name} has no orders${opts.role || opts.status || opts.late ? ' that match' : ''}.`,
          );
        out(formatOrderList(result.items));
        const counts = ORDER_STATUSES.filter((s) => result.counts[s])
          .map((s) => `${s} ${result.counts[s]}`)
          .join(' · ');
        const shown = `${result.items.length} order${result.items.length === 1 ? '' : 's'}${result.more ? ' (more exist; raise --limit)' : ''}`;
        out(`\n${shown}. All ${opts.role ? `${opts.role} ` : ''}orders by status: ${counts}`);
      },
    ),
  );

  dataOption(
    orders
      .command('show')
      .description(
        'show one order: header, lines with their state, requested vs agreed terms, quantities, invoices',
      )
      .argument('<order>', 'order id, or the order number')
      .requiredOption('--company <scheme:value>', 'identifier of the company whose copy to show')
      .option('--json', 'print the full order view as JSON'),
  ).action(
    withHints(
      { company: '--company' },
      async (ref: string, opts: { company: string; json?: boolean }, cmd: Command) => {
        const order = await withServices(cmd, async (services) =>
          findOrder(services, await resolveCompany(services, opts.company), ref.trim()),
        );
        if (opts.json) printJson(order);
        else out(formatOrder(order));
      },
    ),
  );
}
