import type { Registry } from 'prom-client';
import { callbackCounter } from './callback-metrics.js';

export interface RedisSupervisorMetricDeps {
  /** Times the supervisor started redis-server again after it died. */
  restarts: () => number;
}

export function register(registry: Registry, deps: RedisSupervisorMetricDeps): void {
  callbackCounter(
    registry,
    'cachefleet_redis_restarts_total',
    'Times the agent restarted redis-server after it exited unexpectedly.',
    deps.restarts,
  );
}
