// Whether the redis-server a killed agent left running is the very server this run would start:
// then the agent keeps it (and its data) instead of replacing it with an empty one.
import path from 'node:path';
import { queryInfoSection } from '../redis/query-info.js';
import type { AgentState } from './state-file.js';

export interface ExpectedRedis {
  port: number;
  password: string;
  configFile: string;
  /** redisConfigHash of the config this run generated. */
  configHash: string;
  dataDir: string;
}

/** Why the previous run's (live, verified redis-server) process can't be adopted; null if it can. */
export async function adoptionRefusal(
  previous: AgentState,
  expected: ExpectedRedis,
): Promise<string | null> {
  if (previous.redisConfigHash === undefined) return 'the previous run recorded no config hash';
  if (previous.redisConfigHash !== expected.configHash) return 'its config has changed';
  let server: Map<string, string>;
  try {
    server = await queryInfoSection(expected.port, expected.password, 'server');
  } catch {
    return `it does not answer an authenticated PING on port ${expected.port}`;
  }
  if (Number(server.get('process_id')) !== previous.redisPid) {
    return `another process answers on port ${expected.port}`;
  }
  if (server.get('config_file') !== path.resolve(expected.configFile)) {
    return 'it was started from another config file';
  }
  return null;
}
