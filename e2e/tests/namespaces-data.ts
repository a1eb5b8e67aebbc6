// The service side of the namespaces journeys: the agent data API over plain HTTP, and timing.
import { isDeepStrictEqual } from 'node:util';

export interface AgentAnswer {
  status: number;
  body: unknown;
}

/** How long one call (data API, SDK, SQL) may take before the journey says which one hung. */
export const callTimeoutMs = 20_000;

/**
 * A call that did not settle within its limit. The SDK and the data API give up on their own well
 * before it, so this is a hang to report, never a refusal to retry.
 */
export class HungCallError extends Error {}

/** `promise`, or an error naming `what` once it has not settled within `ms`. */
export async function bounded<T>(
  what: string,
  promise: Promise<T>,
  ms = callTimeoutMs,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new HungCallError(`${what}: no answer within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One data API call as a non-Node service would make it (with a client-side timeout, as one has). */
export async function agentCall(
  baseUrl: string,
  apiKey: string,
  method: 'GET' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<AgentAnswer> {
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(callTimeoutMs),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  } catch (error) {
    const what = `${method} ${baseUrl}${path}`;
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new HungCallError(`${what}: no answer within ${callTimeoutMs} ms`);
    }
    throw new Error(`${what}: ${messageOf(error)}`);
  }
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

/**
 * Retries `attempt` (e.g. the first call while agents pick up a new key) until it succeeds; a hung
 * call is not retried. Logs each new reason it retried for, so a retry never hides a fault.
 */
export async function retryFor<T>(what: string, attempt: () => Promise<T>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  const seen = new Set<string>();
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      const message = messageOf(error);
      if (error instanceof HungCallError || Date.now() > deadline) {
        throw new Error(`${what}: ${message}`);
      }
      if (!seen.has(message)) console.log(`${what}: retrying after ${message}`);
      seen.add(message);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** What one agent last answered to the serving probe, for the failure message. */
function describeAnswer(answer: AgentAnswer): string {
  const code = (answer.body as { error?: { code?: string } } | null)?.error?.code;
  return `${answer.status}${code === undefined ? '' : ` ${code}`}`;
}

/**
 * Waits until every agent serves `namespace` to `apiKey`: a read of a key nobody wrote answers
 * 404 E_NOT_FOUND only once the agent knows the key (else 401), runs the namespace (else 404
 * E_UNKNOWN_NAMESPACE) and has read its source. Agents pull their config every 2 s and then open
 * the namespace's cluster and source connections, which on a loaded machine takes far longer.
 * Resolves with the ms it took.
 */
export async function awaitAgentsServe(
  agents: { name: string; dataUrl: string }[],
  apiKey: string,
  namespace: string,
  timeoutMs: number,
): Promise<number> {
  const started = Date.now();
  const last = new Map(agents.map((a) => [a.name, 'no answer yet']));
  const probe = keyPath(namespace, 'serving-probe');
  for (;;) {
    for (const agent of agents) {
      if (last.get(agent.name) === 'serving') continue;
      const seen = await agentCall(agent.dataUrl, apiKey, 'GET', probe).then(
        (answer) => describeAnswer(answer),
        (error: unknown) => {
          // Polled on, but a hang is a fault worth seeing even when a later poll succeeds.
          const message = messageOf(error);
          if (error instanceof HungCallError && last.get(agent.name) !== message) {
            console.log(`${agent.name}: ${message}`);
          }
          return message;
        },
      );
      last.set(agent.name, seen === '404 E_NOT_FOUND' ? 'serving' : seen);
    }
    const waiting = [...last].filter(([, seen]) => seen !== 'serving');
    if (waiting.length === 0) return Date.now() - started;
    if (Date.now() - started > timeoutMs) {
      const answers = waiting.map(([name, seen]) => `${name}: ${seen}`).join('; ');
      throw new Error(
        `agents not serving namespace ${namespace} with the new API key after ${timeoutMs} ms ` +
          `(an unwritten key should answer 404 E_NOT_FOUND): ${answers}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
