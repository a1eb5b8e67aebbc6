import type { AgentConfig } from '../config/schema.js';
import { connectableHost } from '../net/hosts.js';
import { checkReadyz, runningAgentState } from '../status/checks.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runningVersion(config: AgentConfig, agentPort: number): Promise<string | null> {
  const url = `http://${connectableHost(config.listenHost)}:${agentPort}/healthz`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    const body = (await response.json()) as { version?: unknown };
    return typeof body.version === 'string' ? body.version : null;
  } catch {
    return null;
  }
}

export type HealthOutcome = 'healthy' | 'exited' | 'timed-out';

/**
 * Waits until an agent of `version` runs, is ready and has Redis answering, within `timeoutMs`;
 * stops early once `exited` reports that the started agent is gone.
 */
export async function waitHealthy(
  config: AgentConfig,
  version: string,
  exited: () => Promise<boolean> = () => Promise.resolve(false),
  timeoutMs = 45_000,
): Promise<HealthOutcome> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = await runningAgentState(config);
    if (state && (await runningVersion(config, state.agentPort)) === version) {
      if ((await checkReadyz(config, state)).ok) return 'healthy';
    }
    if (await exited()) return 'exited';
    await sleep(500);
  }
  return 'timed-out';
}
