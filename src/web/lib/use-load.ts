// Loading data for a page: the latest result, the error, and a reload that keeps showing the previous
// data meanwhile (live updates refresh a page without flashing it empty).
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => Promise<void>;
  /** Replaces the data, e.g. with an order view an action answered with. */
  setData: (data: T) => void;
}

/**
 * Runs `load` now and whenever a value in `deps` changes; aborts superseded loads. With `when` false the
 * first load waits until it becomes true (a section below the fold loads after the page's main data).
 */
export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
  when = true,
): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const loadRef = useRef(load);
  loadRef.current = load;
  const controller = useRef<AbortController | null>(null);

  const run = useCallback(async () => {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await loadRef.current(c.signal);
      if (!c.signal.aborted) setState({ data, error: undefined, loading: false });
    } catch (error) {
      if (!c.signal.aborted) setState((s) => ({ ...s, error, loading: false }));
    }
  }, []);

  useEffect(() => {
    if (!when) return;
    void run();
    return () => controller.current?.abort();
    // The caller names what the load depends on (run is stable).
  }, [...deps, when]);

  const setData = useCallback((data: T) => setState({ data, error: undefined, loading: false }), []);
  return { ...state, reload: run, setData };
}

/** Marks the moment a page's data is on screen (read by the web benchmark and the browser tests). */
export function useReadyMark(page: string, ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    const name = `schakel:ready:${page}`;
    if (performance.getEntriesByName(name).length === 0) performance.mark(name);
    document.body.dataset.ready = page;
    return () => {
      if (document.body.dataset.ready === page) delete document.body.dataset.ready;
    };
  }, [page, ready]);
}
