import path from 'node:path';
import { agentEnv, type AgentEnv } from '../env.js';

/** `--config`, else CACHEFLEET_AGENT_CONFIG, else /etc for root and the XDG config dir otherwise. */
export function defaultConfigPath(env: AgentEnv = agentEnv): string {
  if (env.configPath) return path.resolve(env.configPath);
  if (env.isRoot) return '/etc/cachefleet/agent.json';
  const configHome = env.xdgConfigHome ?? path.join(env.homeDir, '.config');
  return path.join(configHome, 'cachefleet', 'agent.json');
}

export function resolveConfigPath(flag: string | undefined): string {
  return flag ? path.resolve(flag) : defaultConfigPath();
}

/** The data dir lives beside the config unless `--data-dir` says otherwise. */
export function defaultDataDir(configPath: string): string {
  return path.join(path.dirname(configPath), 'data');
}
