// Who is signed in, for every page: the user or token's role and company.
import { createContext, useContext } from 'react';
import type { Me, OrderView, UserRole } from './http/types.ts';

export const MeContext = createContext<Me | null>(null);

/** The signed-in caller; pages render only inside a session. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside a session');
  return me;
}

/** Whether a role may act on its company's side of an order (the node enforces the same). */
export function mayAct(role: UserRole, side: OrderView['role']): boolean {
  return role === 'admin' || (side === 'buyer' ? role === 'purchasing' : role === 'sales');
}

/**
 * The readable cookie the node sets beside the HttpOnly session cookie, with the same lifetime (see
 * POST /api/v1/session): without it there is no session, and the app does not ask for data that would
 * only be refused with 401 (which the browser logs as an error).
 */
const SESSION_HINT = 'schakel_session_hint';

/** Whether the browser may have a session (the hint cookie is there). */
export function hasSessionHint(): boolean {
  return document.cookie.split(';').some((c) => c.trim().startsWith(`${SESSION_HINT}=`));
}

/** Drops the hint once the node said the session is gone (the cookie itself is the node's to clear). */
export function forgetSessionHint(): void {
  document.cookie = `${SESSION_HINT}=; Max-Age=0; Path=/; SameSite=Lax`;
}

export const mayBuy = (role: UserRole): boolean => mayAct(role, 'buyer');
export const isAdmin = (role: UserRole): boolean => role === 'admin';
