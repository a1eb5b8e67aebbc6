import os from 'node:os';
import { createControlPlaneClient, callTimeout } from '../control-plane/client.js';
import type { AgentConfig, MaxmemoryPolicy } from '../config/schema.js';
import { generateRedisPassword } from './defaults.js';

export interface JoinRequest {
  consoleUrl: string;
  token: string;
  name: string;
  dataDir: string;
  advertiseHost: string;
  listenHost: string;
  agentPort: number;
  redisPort: number;
  maxmemory: string;
  maxmemoryPolicy: MaxmemoryPolicy;
}

/** Spends the token on the console and returns the config to write; throws what tRPC threw. */
export async function enroll(request: JoinRequest): Promise<AgentConfig> {
  const client = createControlPlaneClient(request.consoleUrl);
  const joined = await client.agent.join.mutate(
    { token: request.token, name: request.name, hostname: os.hostname() },
    callTimeout(15_000),
  );
  return {
    consoleUrl: request.consoleUrl,
    agentId: joined.agentId,
    credential: joined.credential,
    name: request.name,
    dataDir: request.dataDir,
    advertiseHost: request.advertiseHost,
    listenHost: request.listenHost,
    agentPort: request.agentPort,
    redis: {
      port: request.redisPort,
      maxmemory: request.maxmemory,
      maxmemoryPolicy: request.maxmemoryPolicy,
      password: generateRedisPassword(),
    },
  };
}
