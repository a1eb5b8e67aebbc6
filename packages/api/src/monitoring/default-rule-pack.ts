import type { NewAlertRule } from '@cachefleet/db';

/**
 * Installed on first start (and any rule missing from it on later starts; a pack rule can be
 * disabled, not deleted). Only metrics agents expose today: p99 latency, replica lag, cluster
 * state, uncovered slots, source errors and write-behind dead letters come with their metrics.
 */
export const defaultRulePack: NewAlertRule[] = [
  {
    packKey: 'node-down',
    name: 'NodeDown',
    metric: 'agent_up',
    comparator: '<',
    threshold: 1,
    forSeconds: 60,
    severity: 'critical',
    summary: 'Agent {{ $labels.node }} cannot be scraped',
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
  },
];
