// The one way the web app talks to the node: JSON over fetch with the session cookie, errors as
// RFC 9457 problems (code, detail, field) turned into ApiError. UBL documents go as application/xml.
import type { ValidationFinding } from './types.ts';

export interface ProblemIssue {
  field: string;
  detail: string;
  code?: string;
}

export interface Problem {
  status: number;
  /** Stable code, e.g. validation_failed, version_conflict; 'network' when the node cannot be reached. */
  code: string;
  detail: string;
  field?: string;
  state?: string;
  allowedActions?: string[];
  errors?: ProblemIssue[];
  /** The validator's findings of a refused UBL document (POST /documents). */
  findings?: ValidationFinding[];
  /** The record a refused document was kept as (422), or the document that holds a reused ID (409). */
  documentId?: string;
  existingDocumentId?: string;
}

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

let onUnauthenticated: () => void = () => undefined;

/** Called whenever the node answers 401 to a request (the session ended). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  /** A UBL document to send as application/xml instead of a JSON body. */
  xml?: Blob;
  /** The ETag of the order the action is based on; a stale one answers 409 version_conflict. */
  ifMatch?: string | null;
  signal?: AbortSignal;
  /** Do not report a 401 to the unauthenticated handler (the login form handles it). */
  quiet401?: boolean;
}

export interface ApiResponse<T> {
  body: T;
  etag: string | null;
  status: number;
}

async function problemOf(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    if (typeof body.code === 'string' && typeof body.detail === 'string') {
      return { ...body, status: response.status } as Problem;
    }
  } catch {
    // not a problem document (e.g. a proxy's error page)
  }
  return { status: response.status, code: 'internal_error', detail: `HTTP ${response.status}` };
}

/** Calls the API under /api/v1; resolves with body and ETag, or rejects with an ApiError. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.xml !== undefined) headers['content-type'] = 'application/xml';
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method: options.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      body: options.xml ?? (options.body === undefined ? null : JSON.stringify(options.body)),
      signal: options.signal ?? null,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'network', detail: String(e) });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && !options.quiet401) onUnauthenticated();
    throw new ApiError(problem);
  }
  const body = (response.status === 204 ? undefined : await response.json()) as T;
  return { body, etag: response.headers.get('etag'), status: response.status };
}

/** A text resource under /api/v1 (e.g. a document's original XML); errors as in request(). */
export async function requestText(path: string, signal?: AbortSignal): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { credentials: 'same-origin', signal: signal ?? null });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'network', detail: String(e) });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401) onUnauthenticated();
    throw new ApiError(problem);
  }
  return response.text();
}

/** The body of a successful call. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await request<T>(path, options)).body;
}

/** A query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
