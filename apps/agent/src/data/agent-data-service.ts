// The DataService of a running agent: config and key usage over its control-plane client, ACL
// users on its own Redis node through the supervisor's authenticated probe connection.
import type { Registry } from 'prom-client';
import { callTimeout, type ControlPlaneClient } from '../control-plane/client.js';
import type { Logger } from '../logger.js';
import type { RedisCall } from './acl-applier.js';
import { DataService } from './data-service.js';

export interface AgentDataServiceDeps {
  client: ControlPlaneClient;
  registry: Registry;
  redisCall: RedisCall;
  log: Logger;
}

export function createAgentDataService(deps: AgentDataServiceDeps): DataService {
  const { client } = deps;
  return new DataService({
    fetchConfig: (knownRevision) => client.agentData.config.query({ knownRevision }, callTimeout()),
    reportUsage: (usage) => client.agentData.reportKeyUsage.mutate({ usage }, callTimeout()),
    redisCall: deps.redisCall,
    registry: deps.registry,
    log: deps.log,
  });
}
