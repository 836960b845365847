// Use case: the caller's task list — what needs its attention now.
import { requirePermission } from '../domain/company-types.ts';
import { sortTasks, tasksForOrder, type Task } from '../domain/tasks.ts';
import type { Caller, Deps } from './deps.ts';

/** Tasks across the caller's open orders, most urgent first. */
export async function listTasks(deps: Deps, caller: Caller): Promise<Task[]> {
  requirePermission(caller.role, 'read');
  const now = deps.now().toISOString();
  const orders = await deps.store.orders.listOpen(caller.companyId);
  return sortTasks(orders.flatMap((o) => tasksForOrder(o, now, deps.taskPolicy)));
}
