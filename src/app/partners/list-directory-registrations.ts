// Use case: where the caller's company registered its card (directory nodes), and whether each directory
// holds the current card — or is waiting for the refresh after a key rotation, with its last error and
// the deadline after which that directory takes no newer card.
import { requirePermission } from '../../domain/company-types.ts';
import { refreshDeadline } from '../../domain/tasks.ts';
import type { CardRegistration } from '../../storage/card-registrations-repository.ts';
import type { Caller, Deps } from '../deps.ts';

/** A registration as its company sees it. */
export type CardRegistrationView = Omit<CardRegistration, 'companyId' | 'signedBy'> & {
  /** For a card that is out of date: until when the directory can still take the new one. */
  refreshBefore: string | null;
};

/** The registrations of company `companyId` with their refresh deadlines. */
export async function registrationsOf(deps: Deps, companyId: string): Promise<CardRegistrationView[]> {
  const registrations = await deps.store.cardRegistrations.listByCompany(companyId);
  if (registrations.length === 0) return [];
  const keys = await deps.store.partners.keys(companyId);
  return registrations.map(({ companyId: _company, signedBy, ...r }) => ({
    ...r,
    refreshBefore: r.status === 'current' ? null : refreshDeadline(signedBy, keys),
  }));
}

/** The caller's company's card registrations at directories (admins only). */
export async function listDirectoryRegistrations(
  deps: Deps,
  caller: Caller,
): Promise<CardRegistrationView[]> {
  requirePermission(caller.role, 'admin');
  return registrationsOf(deps, caller.companyId);
}
