import { collectDefaultMetrics, type Registry } from 'prom-client';

/** CPU, memory, event loop lag, GC and handles of the agent's own Node.js process. */
export function register(registry: Registry): void {
  collectDefaultMetrics({ register: registry, prefix: 'cachefleet_agent_' });
}
