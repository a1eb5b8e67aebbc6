import type { AgentConfig } from '../config/schema.js';
import { readConfig } from '../config/store.js';
import { fetchLatestVersion } from '../install/bundle-download.js';
import { agentVersion } from '../version.js';
import { checkConsole, checkReadyz, checkRedis, runningAgentState, type Check } from './checks.js';

export interface StatusReport {
  healthy: boolean;
  version: string;
  configPath: string;
  joined: Check;
  agentId: string | null;
  name: string | null;
  console: Check | null;
  agent: (Check & { pid: number | null; agentPort: number | null }) | null;
  ready: Check | null;
  redis: (Check & { version?: string }) | null;
  /** The version the console serves, and whether this agent runs another one. */
  upgrade: { latest: string | null; available: boolean; detail: string } | null;
}

async function upgradeCheck(config: AgentConfig): Promise<NonNullable<StatusReport['upgrade']>> {
  try {
    const latest = await fetchLatestVersion(config.consoleUrl, config.credential);
    const available = latest !== agentVersion;
    const detail = available ? `${latest} available (cachefleet-agent upgrade)` : 'up to date';
    return { latest, available, detail };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { latest: null, available: false, detail: `unknown: ${detail}` };
  }
}

const notRunning: Check = { ok: false, detail: 'agent is not running' };

async function joinedReport(configPath: string, config: AgentConfig): Promise<StatusReport> {
  const [consoleCheck, state, upgrade] = await Promise.all([
    checkConsole(config),
    runningAgentState(config),
    upgradeCheck(config),
  ]);
  const [ready, redis] = state
    ? await Promise.all([checkReadyz(config, state), checkRedis(config, state)])
    : [notRunning, notRunning];
  const agent = state
    ? {
        ok: true,
        detail: `running since ${state.startedAt}`,
        pid: state.pid,
        agentPort: state.agentPort,
      }
    : { ...notRunning, pid: null, agentPort: null };
  return {
    healthy: consoleCheck.ok && agent.ok && ready.ok && redis.ok,
    version: agentVersion,
    configPath,
    joined: { ok: true, detail: `joined as ${config.name}` },
    agentId: config.agentId,
    name: config.name,
    console: consoleCheck,
    agent,
    ready,
    redis,
    upgrade,
  };
}

export async function buildStatusReport(configPath: string): Promise<StatusReport> {
  let config: AgentConfig;
  try {
    config = await readConfig(configPath);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      healthy: false,
      version: agentVersion,
      configPath,
      joined: { ok: false, detail },
      agentId: null,
      name: null,
      console: null,
      agent: null,
      ready: null,
      redis: null,
      upgrade: null,
    };
  }
  return joinedReport(configPath, config);
}
