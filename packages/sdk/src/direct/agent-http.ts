import { CachefleetError, cachefleetError, UnavailableError } from '../errors.js';

export type FetchLike = typeof globalThis.fetch;

export interface AgentHttpOptions {
  /** Data API base URLs of the namespace's agents (`http://address:port`). */
  urls: readonly string[];
  apiKey: string;
  fetch: FetchLike;
  /** Per request; a timed-out request is not retried elsewhere (it may have been applied). */
  timeoutMs: number;
  /** Asked for fresh URLs once every known agent failed (agents come and go). */
  refreshUrls?: () => Promise<readonly string[]>;
}

type Method = 'GET' | 'PUT' | 'DELETE' | 'POST';

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function errorBody(body: unknown): { code: string; message: string } | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = body.error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string') return undefined;
  return { code, message: typeof message === 'string' ? message : code };
}

/** A JSON answer from the data API: the body of a 2xx, or `undefined` for an E_NOT_FOUND 404. */
async function readAnswer(response: Response): Promise<unknown> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text.length === 0 ? undefined : JSON.parse(text);
  } catch (cause) {
    throw cachefleetError('E_INTERNAL', `agent answered ${response.status} with non-JSON`, {
      status: response.status,
      cause,
    });
  }
  if (response.ok) return body;
  const error = errorBody(body);
  if (response.status === 404 && error?.code === 'E_NOT_FOUND') return undefined;
  throw cachefleetError(error?.code ?? 'E_INTERNAL', error?.message ?? `HTTP ${response.status}`, {
    status: response.status,
  });
}

/**
 * The agents' data API with failover: a request goes to the agent that answered last; when it
 * cannot be reached (or has no configuration yet), the next one is tried, then fresh URLs once.
 */
export class AgentHttp {
  private urls: readonly string[];
  private preferred = 0;

  constructor(private readonly options: AgentHttpOptions) {
    this.urls = options.urls;
  }

  async request(method: Method, path: string, body?: unknown): Promise<unknown> {
    const first = await this.tryAll(method, path, body);
    if (first.done) return first.value;
    if (this.options.refreshUrls !== undefined) {
      this.urls = await this.options.refreshUrls();
      this.preferred = 0;
      const second = await this.tryAll(method, path, body);
      if (second.done) return second.value;
    }
    throw new UnavailableError(
      'E_AGENT_UNAVAILABLE',
      `no agent of the namespace answered (${this.urls.length} tried)`,
      { cause: first.error },
    );
  }

  private async tryAll(
    method: Method,
    path: string,
    body: unknown,
  ): Promise<{ done: true; value: unknown } | { done: false; error: unknown }> {
    let lastError: unknown = new Error('no agent URLs');
    for (let i = 0; i < this.urls.length; i++) {
      const index = (this.preferred + i) % this.urls.length;
      const base = this.urls[index] ?? '';
      try {
        const value = await readAnswer(await this.send(base, method, path, body));
        this.preferred = index;
        return { done: true, value };
      } catch (error) {
        if (isTimeout(error)) {
          throw new UnavailableError('E_AGENT_UNAVAILABLE', `agent ${base} timed out`, {
            cause: error,
          });
        }
        // Unreachable (fetch itself failed) or without configuration yet: try the others.
        if (error instanceof CachefleetError && error.code !== 'E_NOT_READY') throw error;
        lastError = error;
      }
    }
    return { done: false, error: lastError };
  }

  private send(base: string, method: Method, path: string, body: unknown): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.apiKey}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return this.options.fetch(`${base.replace(/\/+$/, '')}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
  }
}
