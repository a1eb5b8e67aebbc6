import type { AlertRule } from '@cachefleet/db';

/**
 * Metrics an alert rule can watch, each a PromQL expression over the agent metrics that exist
 * today; `custom` takes an expression that promtool checks before anything is deployed.
 */
export const ruleMetrics = {
  agent_up: { label: 'Agent scraped (1 = up)', expr: 'up{job="cachefleet-agent"}' },
  redis_up: { label: 'Redis answering (1 = up)', expr: 'cachefleet_redis_up' },
  memory_used_ratio: {
    label: 'Memory used / maxmemory',
    expr: 'cachefleet_redis_memory_used_bytes / (cachefleet_redis_memory_max_bytes > 0)',
  },
  evictions_per_second: {
    label: 'Evicted keys per second (5 min)',
    expr: 'rate(cachefleet_redis_evicted_keys_total[5m])',
  },
  hit_ratio: {
    label: 'Keyspace hit ratio (5 min)',
    expr: 'rate(cachefleet_redis_keyspace_hits_total[5m]) / (rate(cachefleet_redis_keyspace_hits_total[5m]) + rate(cachefleet_redis_keyspace_misses_total[5m]))',
  },
  ops_per_second: {
    label: 'Commands per second (1 min)',
    expr: 'rate(cachefleet_redis_commands_processed_total[1m])',
  },
  connected_clients: { label: 'Connected clients', expr: 'cachefleet_redis_connected_clients' },
  redis_restarts: {
    label: 'Redis restarts (15 min)',
    expr: 'increase(cachefleet_redis_restarts_total[15m])',
  },
  heartbeat_failures: {
    label: 'Failed heartbeats to the console (5 min)',
    expr: 'increase(cachefleet_agent_heartbeat_failures_total[5m])',
  },
  custom: { label: 'Custom PromQL expression', expr: '' },
} as const;

export type RuleMetric = keyof typeof ruleMetrics;
export const ruleMetricNames = Object.keys(ruleMetrics) as [RuleMetric, ...RuleMetric[]];

type RuleShape = Pick<AlertRule, 'metric' | 'expression' | 'comparator' | 'threshold'>;

function isRuleMetric(metric: string): metric is RuleMetric {
  return metric in ruleMetrics;
}

/** The rule's PromQL condition: `(<metric expression>) <comparator> <threshold>`. */
export function ruleExpression(rule: RuleShape): string {
  const base =
    rule.metric === 'custom' || !isRuleMetric(rule.metric)
      ? (rule.expression ?? '')
      : ruleMetrics[rule.metric].expr;
  return `(${base}) ${rule.comparator} ${String(rule.threshold)}`;
}
