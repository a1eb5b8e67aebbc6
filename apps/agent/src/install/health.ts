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

/** True once an agent of `version` runs, is ready and has Redis answering, within `timeoutMs`. */
export async function waitHealthy(
  config: AgentConfig,
  version: string,
  timeoutMs = 45_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = await runningAgentState(config);
    if (state && (await runningVersion(config, state.agentPort)) === version) {
      if ((await checkReadyz(config, state)).ok) return true;
    }
    await sleep(500);
  }
  return false;
}
