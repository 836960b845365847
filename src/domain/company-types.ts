// Companies, users and what each role may do.
import { DomainError } from './errors.ts';

export interface CompanyIdentifier {
  scheme: string;
  value: string;
  primary: boolean;
}

export interface Company {
  id: string;
  name: string;
  city: string | null;
  country: string | null;
  identifiers: CompanyIdentifier[];
}

export type UserRole = 'admin' | 'purchasing' | 'sales' | 'viewer';
export const USER_ROLES: readonly UserRole[] = ['admin', 'purchasing', 'sales', 'viewer'];

export interface User {
  id: string;
  companyId: string;
  email: string;
  name: string;
  role: UserRole;
}

/** What a caller may do: read, act as buyer, act as seller, administer the company. */
export type Permission = 'read' | 'buy' | 'sell' | 'admin';

const GRANTS: Record<UserRole, readonly Permission[]> = {
  admin: ['read', 'buy', 'sell', 'admin'],
  purchasing: ['read', 'buy'],
  sales: ['read', 'sell'],
  viewer: ['read'],
};

/** Throws 'forbidden' unless `role` grants `permission`. */
export function requirePermission(role: UserRole, permission: Permission): void {
  if (!GRANTS[role].includes(permission)) {
    throw new DomainError(
      'forbidden',
      `the role ${role} may not ${permission === 'buy' ? 'act as buyer' : permission === 'sell' ? 'act as seller' : permission}`,
      {
        role,
        permission,
      },
    );
  }
}

/** Primary identifier of a company as `scheme:value`. */
export function primaryIdentifier(company: Company): string {
  const id = company.identifiers.find((i) => i.primary) ?? company.identifiers[0];
  return id ? `${id.scheme}:${id.value}` : '';
}
