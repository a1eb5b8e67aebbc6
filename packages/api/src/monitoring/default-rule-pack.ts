import type { NewAlertRule } from '@cachefleet/db';

/** A pack rule: a stored rule plus the `description` annotation its rendered form carries. */
export type PackRule = NewAlertRule & { packKey: string; description: string };

/**
 * Installed on first start (and any rule missing from it on later starts; a pack rule can be
 * disabled, not deleted). Thresholds are meant to page on a real problem, not on a blip.
 */
export const defaultRulePack: PackRule[] = [
  {
    packKey: 'node-down',
    name: 'NodeDown',
    metric: 'agent_up',
    comparator: '<',
    threshold: 1,
    forSeconds: 60,
    severity: 'critical',
    summary: 'Agent {{ $labels.node }} cannot be scraped',
    description:
      'Prometheus has not scraped the agent on {{ $labels.node }} for a minute: the host, the agent process or the network is down. Its Redis may still serve, but nothing watches it.',
  },
  {
    packKey: 'redis-down',
    name: 'RedisDown',
    metric: 'redis_up',
    comparator: '<',
    threshold: 1,
    forSeconds: 30,
    severity: 'critical',
    summary: 'Redis on {{ $labels.node }} is not answering',
    description:
      'The agent on {{ $labels.node }} cannot reach its redis-server; reads fall through to the source. Check the node page for restarts and the end of redis.log.',
  },
  {
    packKey: 'memory-high',
    name: 'RedisMemoryHigh',
    metric: 'memory_used_ratio',
    comparator: '>',
    threshold: 0.9,
    forSeconds: 300,
    severity: 'warning',
    summary: 'Redis on {{ $labels.node }} uses more than 90% of maxmemory',
    description:
      'Redis on {{ $labels.node }} is at {{ $value | humanizePercentage }} of maxmemory; the eviction policy will drop keys soon. Raise maxmemory or add a node and rebalance.',
  },
  {
    packKey: 'evictions-spiking',
    name: 'RedisEvictionsSpiking',
    metric: 'evictions_per_second',
    comparator: '>',
    threshold: 100,
    forSeconds: 300,
    severity: 'warning',
    summary: 'Redis on {{ $labels.node }} evicts more than 100 keys/s',
    description:
      'Redis on {{ $labels.node }} evicts {{ $value | humanize }} keys/s: the working set does not fit, so hit ratio and source load suffer.',
  },
  {
    packKey: 'hit-ratio-dropped',
    name: 'RedisHitRatioDropped',
    metric: 'hit_ratio',
    comparator: '<',
    threshold: 0.5,
    forSeconds: 900,
    severity: 'warning',
    summary: 'Keyspace hit ratio on {{ $labels.node }} is below 50%',
    description:
      'Only {{ $value | humanizePercentage }} of key lookups on {{ $labels.node }} hit for 15 minutes: check evictions, TTLs and recent flushes.',
  },
  {
    packKey: 'redis-flapping',
    name: 'RedisRestarting',
    metric: 'redis_restarts',
    comparator: '>',
    threshold: 3,
    forSeconds: 0,
    severity: 'warning',
    summary: 'Redis on {{ $labels.node }} restarted more than 3 times in 15 minutes',
    description:
      'The agent on {{ $labels.node }} keeps restarting redis-server; the node page shows the end of redis.log for each crash.',
  },
  {
    packKey: 'data-api-p99-high',
    name: 'DataApiLatencyHigh',
    metric: 'data_api_p99_seconds',
    comparator: '>',
    threshold: 0.05,
    forSeconds: 300,
    severity: 'warning',
    summary: 'Data API p99 for {{ $labels.namespace }} on {{ $labels.node }} is above 50 ms',
    description:
      'The slowest 1% of data API requests for namespace {{ $labels.namespace }} on {{ $labels.node }} take {{ $value | humanizeDuration }} over 5 minutes: look at source latency, L2 hit ratio and the host load.',
  },
  {
    packKey: 'replica-lagging',
    name: 'RedisReplicaLagging',
    metric: 'replica_lag_bytes',
    comparator: '>',
    threshold: 10_485_760,
    forSeconds: 120,
    severity: 'warning',
    summary: 'A replica of {{ $labels.node }} is more than 10 MiB behind',
    description:
      'Replication on {{ $labels.node }} is {{ $value | humanize1024 }}B behind for 2 minutes; writes acknowledged now would be lost in a failover. Check the replica host and the network.',
  },
  {
    packKey: 'replica-link-down',
    name: 'RedisReplicaLinkDown',
    metric: 'master_link_up',
    comparator: '<',
    threshold: 1,
    forSeconds: 60,
    severity: 'warning',
    summary: 'Replica {{ $labels.node }} lost the link to its primary',
    description:
      'The replica on {{ $labels.node }} has not been linked to its primary for a minute, so it falls further behind with every write and cannot take over safely.',
  },
  {
    packKey: 'cluster-state-not-ok',
    name: 'RedisClusterStateNotOk',
    metric: 'cluster_state_ok',
    comparator: '<',
    threshold: 1,
    forSeconds: 60,
    severity: 'critical',
    summary: 'Cluster {{ $labels.cluster }} is not ok as seen from {{ $labels.node }}',
    description:
      'CLUSTER INFO on {{ $labels.node }} says cluster_state:fail: some slots have no reachable primary or this node is cut off from the majority, so it refuses commands. See the cluster page for failed nodes.',
  },
  {
    packKey: 'slots-uncovered',
    name: 'RedisClusterSlotsUncovered',
    metric: 'cluster_slots_ok',
    comparator: '<',
    threshold: 16_384,
    forSeconds: 60,
    severity: 'critical',
    summary: 'Cluster {{ $labels.cluster }} serves only {{ $value }} of 16384 slots',
    description:
      'Seen from {{ $labels.node }}, some hash slots are unassigned or served by a failing node; keys in them cannot be read or written. Fail over or repair the slots from the cluster page.',
  },
  {
    packKey: 'source-errors',
    name: 'CacheSourceErrors',
    metric: 'source_errors_per_second',
    comparator: '>',
    threshold: 0,
    forSeconds: 300,
    severity: 'warning',
    summary: 'Loads from the source of {{ $labels.namespace }} fail on {{ $labels.node }}',
    description:
      'Read-through loads for namespace {{ $labels.namespace }} on {{ $labels.node }} have failed for 5 minutes ({{ $value | humanize }}/s): callers get stale values or errors. Check the namespace source (PostgreSQL) and its credentials.',
  },
  {
    packKey: 'write-behind-dead-letters',
    name: 'WriteBehindDeadLetters',
    metric: 'write_behind_dead_letters',
    comparator: '>',
    threshold: 0,
    forSeconds: 60,
    severity: 'warning',
    summary: 'Namespace {{ $labels.namespace }} has {{ $value }} write-behind dead letters',
    description:
      'Writes for namespace {{ $labels.namespace }} gave up after their retries and are not in the source yet. Inspect and replay them from the namespace page before they are forgotten.',
  },
];

/** The pack as rows to store: the description lives in the rendered rules, not in a column. */
export const defaultRuleRows: NewAlertRule[] = defaultRulePack.map(
  ({ description: _description, ...rule }) => rule,
);

/** The description annotation of a pack rule, by its pack key. */
export function packDescription(packKey: string | null): string | undefined {
  return defaultRulePack.find((rule) => rule.packKey === packKey)?.description;
}
