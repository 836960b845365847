// HTTP between nodes: fetch with a timeout. Envelopes go as application/jose; cards come as JSON.

export const INBOX_PATH = '/network/v1/inbox';
/** Where a directory node takes card registrations. */
export const DIRECTORY_CARDS_PATH = '/network/v1/directory/cards';
export const cardPath = (participant: string): string =>
  `/.well-known/schakel/participants/${encodeURIComponent(participant)}`;

/** The base URL without trailing slashes. */
export const baseUrl = (url: string): string => url.replace(/\/+$/, '');

export interface HttpResponse {
  status: number;
  body: string;
}

export interface HttpTransport {
  /** POSTs an envelope to a node's inbox. Network errors and timeouts throw. */
  postEnvelope(nodeUrl: string, jws: string): Promise<HttpResponse>;
  /** GETs a URL. */
  get(url: string): Promise<HttpResponse>;
  /** POSTs a JSON body to a URL (card registration at a directory). */
  postJson(url: string, body: unknown): Promise<HttpResponse>;
}

/** The real transport over fetch; every request is aborted after `timeoutMs`. */
export function httpTransport(timeoutMs = 10_000): HttpTransport {
  const request = async (url: string, init: RequestInit): Promise<HttpResponse> => {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, body: await response.text() };
  };
  return {
    postEnvelope: (nodeUrl, jws) =>
      request(`${baseUrl(nodeUrl)}${INBOX_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/jose', accept: 'application/json' },
        body: jws,
      }),
    get: (url) => request(url, { headers: { accept: 'application/json' } }),
    postJson: (url, body) =>
      request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      }),
  };
}
