// Use case: list the caller's orders (purchase or sales) with filters and cursor pagination.
import { requirePermission } from '../../domain/company-types.ts';
import { invalid } from '../../domain/errors.ts';
import type { OrderFilter, OrderSummary, Page } from '../../storage/orders-repository.ts';
import type { Caller, Deps } from '../deps.ts';

export type ListOrdersQuery = Omit<OrderFilter, 'today'> & {
  limit?: number | undefined;
  cursor?: string | undefined;
};

/** A page of order summaries plus counts per status for the same role. */
export async function listOrders(
  deps: Deps,
  caller: Caller,
  query: ListOrdersQuery,
): Promise<Page<OrderSummary> & { counts: Record<string, number> }> {
  requirePermission(caller.role, 'read');
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw invalid('limit', 'limit must be a whole number from 1 to 500');
  const today = deps.now().toISOString().slice(0, 10);
  const page = await deps.store.orders.list(caller.companyId, { ...query, today }, limit, query.cursor);
  const counts = await deps.store.orders.countByStatus(caller.companyId, query.role);
  return { ...page, counts };
}
