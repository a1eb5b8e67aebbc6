import { Gauge, type Registry } from 'prom-client';
import { callbackCounter } from './callback-metrics.js';

export interface AgentMetricDeps {
  version: string;
  /** Heartbeats that did not reach the control plane since the agent started. */
  heartbeatFailures: () => number;
}

export function register(registry: Registry, deps: AgentMetricDeps): void {
  const info = new Gauge({
    name: 'cachefleet_agent_info',
    help: 'Always 1; the version label says which agent build is running.',
    labelNames: ['version'],
    registers: [registry],
  });
  info.set({ version: deps.version }, 1);
  callbackCounter(
    registry,
    'cachefleet_agent_heartbeat_failures_total',
    'Heartbeats to the control plane that failed.',
    deps.heartbeatFailures,
  );
}
