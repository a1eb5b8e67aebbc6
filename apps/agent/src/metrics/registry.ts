import { Registry } from 'prom-client';
import * as agentMetrics from './agent.js';
import * as hostMetrics from './host.js';
import * as processMetrics from './process.js';
import * as redisInfoMetrics from './redis-info.js';
import * as redisSupervisorMetrics from './redis-supervisor.js';
import * as redisTopologyMetrics from './redis-topology.js';

export type AgentRegistryDeps = agentMetrics.AgentMetricDeps &
  redisInfoMetrics.RedisInfoMetricDeps &
  redisSupervisorMetrics.RedisSupervisorMetricDeps &
  redisTopologyMetrics.RedisTopologyMetricDeps &
  hostMetrics.HostMetricDeps;

/** A registry of its own (not prom-client's global one), so tests and embedders stay isolated. */
export function createAgentRegistry(deps: AgentRegistryDeps): Registry {
  const registry = new Registry();
  processMetrics.register(registry);
  agentMetrics.register(registry, deps);
  redisSupervisorMetrics.register(registry, deps);
  redisInfoMetrics.register(registry, deps);
  redisTopologyMetrics.register(registry, deps);
  hostMetrics.register(registry, deps);
  return registry;
}
