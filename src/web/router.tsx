// A small client-side router over the History API: real URLs (/orders/<id>) that work as deep links,
// the back button, and links that open in a new tab with Ctrl/⌘-click like any other link.
import { useMemo, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const current = (): string => window.location.pathname + window.location.search + window.location.hash;

export interface Location {
  path: string;
  search: URLSearchParams;
  hash: string;
  /** path + search + hash, changes on every navigation. */
  href: string;
}

/** The current location; re-renders on every navigation. */
export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, current);
  return useMemo(() => {
    const url = new URL(href, window.location.origin);
    return { path: url.pathname, search: url.searchParams, hash: url.hash.slice(1), href };
  }, [href]);
}

/** Goes to `to` (a path with optional query and hash); `replace` keeps the history entry. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === current()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else {
    window.history.pushState(null, '', to);
    window.scrollTo(0, 0);
  }
  for (const l of listeners) l();
}

/** An ordinary link that navigates within the app when clicked without modifier keys. */
export function Link({ to, onClick, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const handle = (e: MouseEvent<HTMLAnchorElement>): void => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}

export type Route =
  | { name: 'tasks' }
  | { name: 'login' }
  | { name: 'orders'; role: 'buyer' | 'seller' }
  | { name: 'newOrder' }
  | { name: 'order'; id: string }
  | { name: 'upload' }
  | { name: 'document'; id: string }
  | { name: 'partners' }
  | { name: 'settings' }
  | { name: 'notFound' };

/** Which page a path shows. */
export function routeOf(path: string): Route {
  const p = path.replace(/\/+$/, '') || '/';
  if (p === '/') return { name: 'tasks' };
  if (p === '/login') return { name: 'login' };
  if (p === '/orders/purchase') return { name: 'orders', role: 'buyer' };
  if (p === '/orders/sales') return { name: 'orders', role: 'seller' };
  if (p === '/orders/new') return { name: 'newOrder' };
  const order = /^\/orders\/([0-9a-f-]{36})$/i.exec(p);
  if (order) return { name: 'order', id: order[1]! };
  if (p === '/documents/upload') return { name: 'upload' };
  const doc = /^\/documents\/([0-9a-f-]{36})$/i.exec(p);
  if (doc) return { name: 'document', id: doc[1]! };
  if (p === '/partners') return { name: 'partners' };
  if (p === '/settings') return { name: 'settings' };
  return { name: 'notFound' };
}
