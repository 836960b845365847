// Use cases: the caller's own company and its users.
import { requirePermission, type Company, type User } from '../../domain/company-types.ts';
import { notFound } from '../../domain/errors.ts';
import type { Caller, Deps } from '../deps.ts';

/** The caller's own company. */
export async function getOwnCompany(deps: Deps, caller: Caller): Promise<Company> {
  requirePermission(caller.role, 'read');
  const c = await deps.store.companies.get(caller.companyId);
  if (!c) throw notFound('company', caller.companyId);
  return c;
}

/** The users of the caller's company (admins only). */
export async function listOwnUsers(deps: Deps, caller: Caller): Promise<User[]> {
  requirePermission(caller.role, 'admin');
  return deps.store.users.listByCompany(caller.companyId);
}
