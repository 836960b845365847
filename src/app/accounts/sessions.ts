// Use cases: log in (web session), log out, and authenticate a request by cookie or bearer token.
import { DomainError } from '../../domain/errors.ts';
import type { Company, User } from '../../domain/company-types.ts';
import type { Caller, Deps } from '../deps.ts';
import { hashSecret, newSecret, verifyPassword } from './secrets.ts';

export const SESSION_HOURS = 12;

/** Checks e-mail and password; returns a new session secret for the cookie, the user and their company. */
export async function login(
  deps: Deps,
  email: string,
  password: string,
): Promise<{ session: string; user: User; company: Company; expiresAt: string }> {
  const user = await deps.store.users.findByEmail(String(email ?? ''));
  // Same message for unknown user and wrong password: no account enumeration.
  if (!user || user.disabled || !(await verifyPassword(String(password ?? ''), user.passwordHash))) {
    throw new DomainError('unauthenticated', 'e-mail or password is wrong');
  }
  const company = await deps.store.companies.get(user.companyId);
  if (!company) throw new DomainError('unauthenticated', 'e-mail or password is wrong');
  const session = newSecret('ses_');
  const expiresAt = new Date(deps.now().getTime() + SESSION_HOURS * 3600_000).toISOString();
  await deps.store.users.createSession(hashSecret(session), user.id, user.companyId, expiresAt);
  const { passwordHash: _h, disabled: _d, ...plain } = user;
  return { session, user: plain, company, expiresAt };
}

export async function logout(deps: Deps, session: string): Promise<void> {
  await deps.store.users.deleteSession(hashSecret(session));
}

/** Resolves the caller from a bearer token or a session cookie; throws unauthenticated otherwise. */
export async function authenticate(
  deps: Deps,
  credentials: { bearer?: string | undefined; session?: string | undefined },
): Promise<Caller> {
  if (credentials.bearer) {
    const token = await deps.store.users.useToken(hashSecret(credentials.bearer));
    if (!token) throw new DomainError('unauthenticated', 'the API token is unknown or revoked');
    return {
      companyId: token.companyId,
      role: token.role,
      actor: {
        companyId: token.companyId,
        companyName: token.companyName,
        userId: null,
        tokenId: token.id,
        name: `API token ${token.name}`,
      },
    };
  }
  if (credentials.session) {
    const user = await deps.store.users.findSessionUser(hashSecret(credentials.session));
    if (!user) throw new DomainError('unauthenticated', 'the session has expired; log in again');
    return {
      companyId: user.companyId,
      role: user.role,
      actor: {
        companyId: user.companyId,
        companyName: user.companyName,
        userId: user.id,
        tokenId: null,
        name: user.name,
      },
    };
  }
  throw new DomainError('unauthenticated', 'log in, or send an API token as "Authorization: Bearer <token>"');
}
