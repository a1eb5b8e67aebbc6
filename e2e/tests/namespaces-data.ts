// The service side of the namespaces journeys: the agent data API over plain HTTP, and timing.
import { isDeepStrictEqual } from 'node:util';

export interface AgentAnswer {
  status: number;
  body: unknown;
}

/** One data API call as a non-Node service would make it. */
export async function agentCall(
  baseUrl: string,
  apiKey: string,
  method: 'GET' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<AgentAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

export function keyPath(namespace: string, key: string): string {
  return `/v1/ns/${namespace}/keys/${encodeURIComponent(key)}`;
}

/** One turn of the event loop, so sockets (the invalidation bus among them) are read. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** When the write was first seen, in ms after it resolved: by which read, sent and answered when. */
export interface Visibility {
  reads: number;
  sentMs: number;
  answeredMs: number;
}

export function describeVisibility(v: Visibility): string {
  return `read ${v.reads} sent at ${v.sentMs.toFixed(1)} ms, answered at ${v.answeredMs.toFixed(1)} ms`;
}

/**
 * Reads until `read` returns `expected`; throws unless the read that first returned it was sent
 * within `budgetMs` of the write resolving (the journey's "visible within 100 ms"). A read over
 * HTTP answers with the agent's state at some moment of its round trip, which on a loaded machine
 * alone can take over 100 ms, so the bound is on when the read was sent and both are reported.
 *
 * It yields a turn of the event loop between reads, as a service does between requests: an L1
 * hit resolves without any I/O, so a loop of awaited hits alone never lets this process read the
 * bus message that invalidates them (it kept a stale value until the entry's 30 s max age).
 */
export async function msUntilVisible(
  read: () => Promise<unknown>,
  expected: unknown,
  budgetMs: number,
): Promise<Visibility> {
  const started = performance.now();
  const lateLimitMs = budgetMs + 5_000;
  let last: unknown;
  for (let reads = 1; ; reads++) {
    const sentMs = performance.now() - started;
    last = await read();
    const answeredMs = performance.now() - started;
    if (isDeepStrictEqual(last, expected)) {
      const seen = { reads, sentMs, answeredMs };
      if (sentMs <= budgetMs) return seen;
      throw new Error(
        `visible only to a late read (budget ${budgetMs} ms): ${describeVisibility(seen)}`,
      );
    }
    if (answeredMs > lateLimitMs) {
      throw new Error(`still ${JSON.stringify(last)} after ${answeredMs.toFixed(1)} ms`);
    }
    await nextTurn();
  }
}

/** Retries `attempt` (e.g. the first call while agents pick up a new key) until it succeeds. */
export async function retryFor<T>(what: string, attempt: () => Promise<T>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
