// Use cases: create (shown once), list and revoke API tokens for ERP integrations.
import { requirePermission, USER_ROLES, type UserRole } from '../../domain/company-types.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import type { ApiTokenInfo } from '../../storage/users-repository.ts';
import type { Caller, Deps } from '../deps.ts';
import { hashSecret, newSecret } from './secrets.ts';

/** Creates a token for `companyId`; the secret is returned once and stored only as a hash. */
export async function createApiToken(
  deps: Deps,
  companyId: string,
  input: { name: string; role?: UserRole | undefined },
  createdBy: string | null = null,
): Promise<{ token: string; info: ApiTokenInfo }> {
  const name = input.name?.trim();
  if (!name || name.length > 100) throw invalid('name', 'token name is required (at most 100 characters)');
  const role = input.role ?? 'admin';
  if (!USER_ROLES.includes(role)) throw invalid('role', `role must be one of ${USER_ROLES.join(', ')}`);
  if (!(await deps.store.companies.get(companyId))) throw invalid('company', 'company not found');
  const token = newSecret('sk_');
  const id = deps.newId();
  await deps.store.users.insertToken({
    id,
    companyId,
    name,
    prefix: token.slice(0, 10),
    role,
    tokenHash: hashSecret(token),
    createdBy,
  });
  const info = (await deps.store.users.listTokens(companyId)).find((t) => t.id === id)!;
  return { token, info };
}

/** Creates a token as an authenticated admin. */
export async function createApiTokenAs(
  deps: Deps,
  caller: Caller,
  input: { name: string; role?: UserRole | undefined },
) {
  requirePermission(caller.role, 'admin');
  return createApiToken(deps, caller.companyId, input, caller.actor.userId);
}

export async function listApiTokens(deps: Deps, caller: Caller): Promise<ApiTokenInfo[]> {
  requirePermission(caller.role, 'admin');
  return deps.store.users.listTokens(caller.companyId);
}

export async function revokeApiToken(deps: Deps, caller: Caller, tokenId: string): Promise<void> {
  requirePermission(caller.role, 'admin');
  if (!(await deps.store.users.revokeToken(caller.companyId, tokenId))) throw notFound('API token', tokenId);
}
