// Live updates: one EventSource on GET /api/v1/events per signed-in tab. Pages listen for changes of the
// orders they show and read them again; after a lost connection every page reloads (nothing is replayed).
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { OrderChange } from './types.ts';

/** A change of one order, or null: "the connection was lost and is back, reload everything". */
export type LiveListener = (change: OrderChange | null) => void;

export type LiveState = 'connecting' | 'live' | 'offline';

interface Live {
  state: LiveState;
  subscribe: (listener: LiveListener) => () => void;
}

const LiveContext = createContext<Live>({ state: 'offline', subscribe: () => () => undefined });

export function LiveProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Set<LiveListener>());
  const [state, setState] = useState<LiveState>('connecting');

  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setState('offline');
      return;
    }
    const notify = (change: OrderChange | null): void => {
      for (const l of [...listeners.current]) l(change);
    };
    let interrupted = false;
    const source = new EventSource('/api/v1/events');
    source.addEventListener('ready', () => {
      setState('live');
      document.documentElement.dataset.live = 'on';
      if (interrupted) notify(null);
      interrupted = false;
    });
    source.addEventListener('order', (e) => {
      try {
        notify(JSON.parse((e as MessageEvent<string>).data) as OrderChange);
      } catch {
        // a malformed event is ignored; the next one or a reload brings the truth
      }
    });
    source.addEventListener('error', () => {
      interrupted = true;
      document.documentElement.dataset.live = 'off';
      setState(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    });
    return () => {
      source.close();
      delete document.documentElement.dataset.live;
    };
  }, []);

  const value = useRef<Live>({
    state,
    subscribe: (listener) => {
      listeners.current.add(listener);
      return () => listeners.current.delete(listener);
    },
  });
  value.current = { ...value.current, state };
  return <LiveContext.Provider value={value.current}>{children}</LiveContext.Provider>;
}

export const useLiveState = (): LiveState => useContext(LiveContext).state;

/**
 * Calls `onChange` (debounced, so that a burst of changes causes one reload) when an order that
 * `matters` changes, or after the live connection came back.
 */
export function useOrderChanges(
  matters: (change: OrderChange) => boolean,
  onChange: (changes: OrderChange[]) => void,
  delayMs = 150,
): void {
  const { subscribe } = useContext(LiveContext);
  const latest = useRef({ matters, onChange });
  latest.current = { matters, onChange };
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pending: OrderChange[] = [];
    const unsubscribe = subscribe((change) => {
      if (change && !latest.current.matters(change)) return;
      if (change) pending.push(change);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const batch = pending;
        pending = [];
        latest.current.onChange(batch);
      }, delayMs);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [subscribe, delayMs]);
}
