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

/**
 * Reads until `read` returns `expected` and says how long that took after the write resolved,
 * or throws once `budgetMs` is spent (the journey's "visible within 100 ms").
 */
export async function msUntilVisible(
  read: () => Promise<unknown>,
  expected: unknown,
  budgetMs: number,
): Promise<number> {
  const started = performance.now();
  let last: unknown;
  for (;;) {
    last = await read();
    const elapsed = performance.now() - started;
    if (isDeepStrictEqual(last, expected)) return elapsed;
    if (elapsed > budgetMs) {
      // Say how late it was (up to 5 s more), so a failure reports a figure, not just "late".
      const late = await msUntilVisible(read, expected, 5_000).catch(() => Number.NaN);
      throw new Error(
        `still ${JSON.stringify(last)} after ${elapsed.toFixed(1)} ms; visible after ${(elapsed + late).toFixed(1)} ms`,
      );
    }
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
