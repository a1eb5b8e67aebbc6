import type { RouterInputs } from '@cachefleet/api';
import type { RedisInfo } from '../redis/info.js';

export type HeartbeatInput = RouterInputs['agent']['heartbeat'];

export interface AgentIdentity {
  address: string;
  agentPort: number;
  redisPort: number;
  version: string;
}

/** What the control plane stores per agent; a Redis that did not answer is reported as down. */
export function heartbeatPayload(identity: AgentIdentity, info: RedisInfo | null): HeartbeatInput {
  return {
    ...identity,
    redisVersion: info?.version ?? null,
    redisUp: info !== null,
    stats: info && {
      usedMemoryBytes: info.usedMemoryBytes,
      maxMemoryBytes: info.maxMemoryBytes,
      opsPerSec: info.opsPerSec,
      connectedClients: info.connectedClients,
      uptimeSeconds: info.uptimeSeconds,
      keys: info.keys,
    },
  };
}
