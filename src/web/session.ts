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

export const mayBuy = (role: UserRole): boolean => mayAct(role, 'buyer');
export const isAdmin = (role: UserRole): boolean => role === 'admin';
