// The checks behind `cachefleet-agent status`; each one answers a single question and never throws.
import type { AgentConfig } from '../config/schema.js';
import { callTimeout, createControlPlaneClient } from '../control-plane/client.js';
import { describeFailure } from '../control-plane/errors.js';
import { connectableHost } from '../net/hosts.js';
import { queryRedisInfo } from '../redis/query-info.js';
import { isAlive } from '../run/processes.js';
import { readState, statePath, type AgentState } from '../run/state-file.js';

export interface Check {
  ok: boolean;
  detail: string;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function checkConsole(config: AgentConfig): Promise<Check> {
  try {
    await createControlPlaneClient(config.consoleUrl).health.ping.query(
      undefined,
      callTimeout(3_000),
    );
    return { ok: true, detail: `reachable at ${config.consoleUrl}` };
  } catch (error) {
    const { message, code } = describeFailure(error);
    return { ok: false, detail: `${config.consoleUrl}: ${message} (${code})` };
  }
}

/** The state file of a live agent process, or undefined when no agent is running. */
export async function runningAgentState(config: AgentConfig): Promise<AgentState | undefined> {
  const state = await readState(statePath(config.dataDir));
  return state && isAlive(state.pid) ? state : undefined;
}

export async function checkReadyz(config: AgentConfig, state: AgentState): Promise<Check> {
  const url = `http://${connectableHost(config.listenHost)}:${state.agentPort}/readyz`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    return { ok: response.ok, detail: `${url} answered ${response.status}` };
  } catch (error) {
    return { ok: false, detail: `${url}: ${errorText(error)}` };
  }
}

export async function checkRedis(
  config: AgentConfig,
  state: AgentState,
): Promise<Check & { version?: string }> {
  try {
    const info = await queryRedisInfo(state.redisPort, config.redis.password);
    return {
      ok: true,
      detail: `port ${state.redisPort}, redis ${info.version}`,
      version: info.version,
    };
  } catch (error) {
    return { ok: false, detail: `port ${state.redisPort}: ${errorText(error)}` };
  }
}
