// Just enough HTTP/1.1 framing for the fault proxy: where a message head ends and how long the body
// after it is. Requests are framed by Content-Length only; anything else (chunked uploads) is left
// unframed and passed through untouched.

const HEAD_END = Buffer.from('\r\n\r\n');

/** Longest message head the proxy waits for before giving up on framing. */
export const MAX_HEAD_BYTES = 64 * 1024;

export interface MessageHead {
  /** Bytes of the head including the blank line. */
  length: number;
  /** "POST /path HTTP/1.1" or "HTTP/1.1 200 OK". */
  startLine: string;
  /** Header values by lower-case name. */
  headers: Map<string, string[]>;
}

/** The head at the start of `buf`, or null while it is incomplete. */
export function parseHead(buf: Buffer): MessageHead | null {
  const end = buf.indexOf(HEAD_END);
  if (end < 0) return null;
  // Clients may send stray CRLFs between messages (RFC 9112 §2.2); they are not part of the start line.
  const lines = buf
    .toString('latin1', 0, end)
    .replace(/^(\r\n)+/, '')
    .split('\r\n');
  const headers = new Map<string, string[]>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return { length: end + HEAD_END.length, startLine: lines[0] ?? '', headers };
}

/** Content-Length when it is the only framing and a single valid number; undefined otherwise. */
function contentLength(head: MessageHead): number | undefined {
  if (head.headers.has('transfer-encoding')) return undefined;
  const values = head.headers.get('content-length');
  if (!values) return 0;
  const distinct = new Set(values.flatMap((v) => v.split(',').map((s) => s.trim())));
  if (distinct.size !== 1) return undefined;
  const [value] = [...distinct];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Body length of a request; undefined when the request is not framed by Content-Length alone. */
export function requestBodyLength(head: MessageHead): number | undefined {
  return contentLength(head);
}

/** The method of a request head ("GET", "POST", …). */
export const requestMethod = (head: MessageHead): string => head.startLine.split(' ')[0] ?? '';

/** Status code of a response head (0 when unreadable). */
export function responseStatus(head: MessageHead): number {
  const match = /^HTTP\/\d\.\d (\d{3})/.exec(head.startLine);
  return match ? Number(match[1]) : 0;
}

/**
 * Body length of a response to a request with `method`: 0 for HEAD, 1xx, 204 and 304; the
 * Content-Length when given; undefined when the body is chunked or runs until the connection closes.
 */
export function responseBodyLength(head: MessageHead, method: string): number | undefined {
  const status = responseStatus(head);
  if (method === 'HEAD' || (status >= 100 && status < 200) || status === 204 || status === 304) return 0;
  if (!head.headers.has('content-length') && !head.headers.has('transfer-encoding')) return undefined;
  return contentLength(head);
}

/** True when a chunked body in `body` is complete (it ends with the last-chunk and an empty trailer). */
export const chunkedBodyComplete = (body: Buffer): boolean =>
  body.length >= 5 && body.subarray(-5).toString('latin1') === '0\r\n\r\n';
