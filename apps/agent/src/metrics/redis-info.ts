// Redis INFO fields read at scrape time. No labels: one agent supervises one Redis.
import type { Registry } from 'prom-client';
import type { RedisInfo } from '../redis/info.js';
import { callbackCounter, callbackGauge } from './callback-metrics.js';
import type { InfoSampler } from './info-sampler.js';

export interface RedisInfoMetricDeps {
  sampler: InfoSampler;
}

type Field = keyof Omit<RedisInfo, 'version'>;

const gauges: [name: string, help: string, field: Field][] = [
  [
    'cachefleet_redis_memory_used_bytes',
    'Bytes allocated by Redis (used_memory).',
    'usedMemoryBytes',
  ],
  [
    'cachefleet_redis_memory_max_bytes',
    'Configured maxmemory; 0 means unlimited.',
    'maxMemoryBytes',
  ],
  [
    'cachefleet_redis_connected_clients',
    'Client connections (connected_clients).',
    'connectedClients',
  ],
  ['cachefleet_redis_keys', 'Keys summed over all databases.', 'keys'],
  [
    'cachefleet_redis_ops_per_second',
    'Commands per second as Redis samples it (instantaneous_ops_per_sec).',
    'opsPerSec',
  ],
];

const counters: [name: string, help: string, field: Field][] = [
  [
    'cachefleet_redis_commands_processed_total',
    'Commands processed by Redis.',
    'commandsProcessed',
  ],
  ['cachefleet_redis_keyspace_hits_total', 'Successful key lookups.', 'keyspaceHits'],
  ['cachefleet_redis_keyspace_misses_total', 'Failed key lookups.', 'keyspaceMisses'],
  ['cachefleet_redis_evicted_keys_total', 'Keys evicted by the maxmemory policy.', 'evictedKeys'],
  ['cachefleet_redis_expired_keys_total', 'Keys removed because their TTL ran out.', 'expiredKeys'],
];

export function register(registry: Registry, deps: RedisInfoMetricDeps): void {
  const { sampler } = deps;
  const field = (name: Field) => async () => (await sampler.sample())?.[name] ?? null;
  callbackGauge(
    registry,
    'cachefleet_redis_up',
    '1 when Redis answered INFO during this scrape, else 0.',
    async () => ((await sampler.sample()) ? 1 : 0),
  );
  for (const [name, help, key] of gauges) callbackGauge(registry, name, help, field(key));
  for (const [name, help, key] of counters) callbackCounter(registry, name, help, field(key));
}
