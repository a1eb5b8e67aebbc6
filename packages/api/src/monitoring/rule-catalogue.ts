import type { AlertRule } from '@cachefleet/db';

/** A cluster metric on the nodes that serve a cluster (some slot assigned). */
function inCluster(metric: string): string {
  return `${metric} and (cachefleet_redis_cluster_slots_assigned > 0)`;
}

/**
 * Metrics an alert rule can watch, each a PromQL expression over what agents expose (Redis, host,
 * cache-core and data API metrics); `custom` takes an expression that promtool checks before
 * anything is deployed.
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
  data_api_p99_seconds: {
    label: 'Data API p99 latency per namespace, seconds (5 min)',
    expr: 'histogram_quantile(0.99, sum by (le, node, cluster, namespace) (rate(cachefleet_data_api_request_duration_seconds_bucket[5m])))',
  },
  replica_lag_bytes: {
    label: 'Replication lag, bytes (slowest replica, seen from its primary)',
    expr: 'cachefleet_redis_replica_lag_bytes',
  },
  master_link_up: {
    label: 'Replica linked to its primary (1 = up)',
    expr: 'cachefleet_redis_master_link_up',
  },
  // Nodes with no slot assigned anywhere have not joined a cluster yet: nothing to alert on.
  cluster_state_ok: {
    label: 'Cluster state ok (1 = ok; nodes of a cluster with slots assigned)',
    expr: inCluster('cachefleet_redis_cluster_state_ok'),
  },
  cluster_slots_ok: {
    label: 'Cluster slots served by healthy nodes (of 16384)',
    expr: inCluster('cachefleet_redis_cluster_slots_ok'),
  },
  source_errors_per_second: {
    label: 'Source load errors per second per namespace (5 min)',
    expr: 'sum by (node, cluster, namespace) (rate(cachefleet_cache_loads_total{result="error"}[5m]))',
  },
  write_behind_queue_depth: {
    label: 'Write-behind queue depth per namespace',
    expr: 'max by (node, cluster, namespace) (cachefleet_write_behind_queue_depth)',
  },
  write_behind_dead_letters: {
    label: 'Write-behind dead letters per namespace',
    expr: 'max by (node, cluster, namespace) (cachefleet_write_behind_dead_letters)',
  },
  host_memory_available_ratio: {
    label: 'Host memory available / total',
    expr: 'cachefleet_host_memory_available_bytes / cachefleet_host_memory_total_bytes',
  },
  custom: { label: 'Custom PromQL expression', expr: '' },
} as const;

export type RuleMetric = keyof typeof ruleMetrics;
export const ruleMetricNames = Object.keys(ruleMetrics) as [RuleMetric, ...RuleMetric[]];

type RuleShape = Pick<AlertRule, 'metric' | 'expression' | 'comparator' | 'threshold'>;

export function isRuleMetric(metric: string): metric is RuleMetric {
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
