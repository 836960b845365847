// The first data of a page is asked for while the app starts: in parallel with the session check (/session)
// instead of after it, which saves a round trip and a render before the page can even ask. A page takes
// its preloaded answer once, on its first load; every later load asks the node again.
import { isApiError, request, type ApiResponse, type RequestOptions } from './client.ts';

/** A preloaded answer older than this is not used (the page was not shown soon after the start). */
const FRESH_MS = 5_000;

const started = new Map<string, { at: number; response: Promise<ApiResponse<unknown>> }>();

/** Starts GET requests for `paths` now; a 401 is not reported (the session check reports it). */
export function preload(paths: readonly string[]): void {
  for (const path of paths) {
    const response = request<unknown>(path, { quiet401: true });
    response.catch(() => undefined); // handled when taken; an untaken failure is not an error
    started.set(path, { at: performance.now(), response });
  }
}

/**
 * GET `path`: the preloaded answer if there is a fresh one not yet taken, else a new request. A
 * preload that failed for another reason than the resource itself (a lost session, the network) is
 * asked again, so that the error is reported as for any request.
 */
export function requestFirst<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const entry = started.get(path);
  started.delete(path);
  if (!entry || performance.now() - entry.at > FRESH_MS) return request<T>(path, options);
  return (entry.response as Promise<ApiResponse<T>>).catch((e: unknown) => {
    if (isApiError(e) && e.status !== 401 && e.code !== 'network') throw e;
    return request<T>(path, options);
  });
}

/** The body of `requestFirst`. */
export async function apiFirst<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await requestFirst<T>(path, options)).body;
}
