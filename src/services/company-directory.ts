// Use cases: the caller's own company, its users, and the partner companies it can trade with.
import { requirePermission, type Company, type User } from '../domain/company-types.ts';
import { notFound } from '../domain/errors.ts';
import type { Caller, Deps } from './deps.ts';

export async function getOwnCompany(deps: Deps, caller: Caller): Promise<Company> {
  requirePermission(caller.role, 'read');
  const c = await deps.store.companies.get(caller.companyId);
  if (!c) throw notFound('company', caller.companyId);
  return c;
}

export async function listOwnUsers(deps: Deps, caller: Caller): Promise<User[]> {
  requirePermission(caller.role, 'admin');
  return deps.store.users.listByCompany(caller.companyId);
}

/** Other companies on this node that can be ordered from or sold to (name and identifiers only). */
export async function listPartners(deps: Deps, caller: Caller): Promise<Company[]> {
  requirePermission(caller.role, 'read');
  return (await deps.store.companies.list()).filter((c) => c.id !== caller.companyId);
}
