// Use case: add a user with a role to a company.
import { USER_ROLES, type User, type UserRole } from '../../domain/company-types.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';
import { hashPassword } from './secrets.ts';

export interface AddUserInput {
  companyId: string;
  email: string;
  name: string;
  role: UserRole;
  password: string;
}

/** Creates a user; the password is stored as a scrypt hash only. */
export async function addUser(deps: Deps, input: AddUserInput): Promise<User> {
  const email = input.email?.trim().toLowerCase();
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw invalid('email', `email ${JSON.stringify(input.email)} is not an e-mail address`);
  if (!USER_ROLES.includes(input.role)) throw invalid('role', `role must be one of ${USER_ROLES.join(', ')}`);
  if (!input.name?.trim()) throw invalid('name', 'name is required');
  if (typeof input.password !== 'string' || input.password.length < 10)
    throw invalid('password', 'password must have at least 10 characters');
  if (!(await deps.store.companies.get(input.companyId))) throw invalid('companyId', 'company not found');
  if (await deps.store.users.findByEmail(email))
    throw new DomainError('conflict', `a user with e-mail ${email} already exists`, { field: 'email' });
  const user: User = {
    id: deps.newId(),
    companyId: input.companyId,
    email,
    name: input.name.trim(),
    role: input.role,
  };
  await deps.store.users.insert(user, await hashPassword(input.password));
  return user;
}
