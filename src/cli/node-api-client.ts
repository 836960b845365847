// A running node's REST API as the CLI sees it: for commands that cannot open the store because the
// node holds it (PGlite is one process per data directory). Failures become one clear CliError line.
import { CliError, type OptionHints } from './cli-errors.ts';

interface Problem {
  status?: number;
  detail?: string;
  field?: string;
}

/** Client for `/api/v1` of the node at `nodeUrl`, authenticated with an API token. */
export class NodeApiClient {
  readonly nodeUrl: string;
  readonly #token: string;
  readonly #hints: OptionHints;
  /** `hints` name the CLI option behind a request field, as for domain errors. */
  constructor(nodeUrl: string, token: string, hints: OptionHints = {}) {
    this.nodeUrl = nodeUrl.replace(/\/+$/, '');
    this.#token = token;
    this.#hints = hints;
  }

  /** POSTs JSON and returns the parsed answer; throws a CliError naming the node on any failure. */
  async post<T>(path: string, body: unknown): Promise<T> {
    return this.#call<T>('POST', path, body);
  }

  async get<T>(path: string): Promise<T> {
    return this.#call<T>('GET', path);
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.nodeUrl}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.#token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new CliError(
        `the node at ${this.nodeUrl} cannot be reached (${cause?.code ?? cause?.message ?? (e as Error).message}); is it running? (option --node)`,
      );
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: reported below with the status.
    }
    if (response.ok && parsed !== null) return parsed as T;
    if (response.status === 401)
      throw new CliError(
        `the node at ${this.nodeUrl} refused the API token (option --token or SCHAKEL_TOKEN): it is unknown, revoked or of another node`,
      );
    const problem = (parsed ?? {}) as Problem;
    const detail = problem.detail ?? (text.slice(0, 200) || response.statusText);
    throw new CliError(
      response.status === 403
        ? `${detail}: use an API token with the admin role (option --token or SCHAKEL_TOKEN)`
        : problem.field
          ? `${detail} (field ${problem.field}${this.#hints[problem.field] ? `, option ${this.#hints[problem.field]}` : ''})`
          : `the node at ${this.nodeUrl} answered ${response.status}: ${detail}`,
    );
  }
}
