import { describe, expect, it } from 'vitest';
import os from 'node:os';
import { createInfoSampler, createScrapeSampler } from '../../src/metrics/info-sampler.js';
import { createAgentRegistry } from '../../src/metrics/registry.js';
import { readReplicationInfo } from '../../src/metrics/replication-info.js';
import type { RedisTopology } from '../../src/metrics/topology-sampler.js';
import { readRedisInfo, type RedisInfo } from '../../src/redis/info.js';
import { metricValue } from '../helpers/probes.js';

const info: RedisInfo = readRedisInfo(
  'redis_version:7.0.15\r\nused_memory:2048\r\nmaxmemory:4096\r\nconnected_clients:2\r\n' +
    'total_commands_processed:10\r\nkeyspace_hits:4\r\nkeyspace_misses:1\r\n' +
    'evicted_keys:3\r\nexpired_keys:5\r\ninstantaneous_ops_per_sec:120\r\n' +
    'db0:keys=9,expires=0,avg_ttl=0\r\n',
);

const standalonePrimary: RedisTopology = {
  replication: readReplicationInfo(
    'role:master\r\nconnected_slaves:0\r\nmaster_repl_offset:42\r\n',
  ),
  cluster: null,
};

function registryWith(
  readInfo: () => Promise<RedisInfo>,
  readTopology = () => Promise.resolve(standalonePrimary),
) {
  let calls = 0;
  const sampler = createInfoSampler(() => {
    calls += 1;
    return readInfo();
  });
  const registry = createAgentRegistry({
    version: '1.2.3',
    heartbeatFailures: () => 4,
    restarts: () => 2,
    sampler,
    topology: createScrapeSampler(readTopology),
    dataDir: os.tmpdir(),
  });
  return { registry, calls: () => calls };
}

describe('agent metrics', () => {
  it('exposes Redis INFO with Prometheus names and types, from one INFO call per scrape', async () => {
    const { registry, calls } = registryWith(() => Promise.resolve(info));
    const text = await registry.metrics();
    expect(calls()).toBe(1);
    expect(metricValue(text, 'cachefleet_redis_up')).toBe(1);
    expect(metricValue(text, 'cachefleet_redis_memory_used_bytes')).toBe(2048);
    expect(metricValue(text, 'cachefleet_redis_memory_max_bytes')).toBe(4096);
    expect(metricValue(text, 'cachefleet_redis_connected_clients')).toBe(2);
    expect(metricValue(text, 'cachefleet_redis_keys')).toBe(9);
    expect(metricValue(text, 'cachefleet_redis_commands_processed_total')).toBe(10);
    expect(metricValue(text, 'cachefleet_redis_keyspace_hits_total')).toBe(4);
    expect(metricValue(text, 'cachefleet_redis_keyspace_misses_total')).toBe(1);
    expect(metricValue(text, 'cachefleet_redis_evicted_keys_total')).toBe(3);
    expect(metricValue(text, 'cachefleet_redis_expired_keys_total')).toBe(5);
    expect(metricValue(text, 'cachefleet_redis_ops_per_second')).toBe(120);
    expect(metricValue(text, 'cachefleet_redis_restarts_total')).toBe(2);
    expect(metricValue(text, 'cachefleet_agent_heartbeat_failures_total')).toBe(4);
    expect(text).toContain('cachefleet_agent_info{version="1.2.3"} 1');
    for (const [, metric, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
      expect(metric?.startsWith('cachefleet_')).toBe(true);
      // prom-client's own nodejs_active_*_total are gauges; every metric of ours follows the rule.
      if (metric?.endsWith('_total') && !metric.includes('_nodejs_')) expect(type).toBe('counter');
    }
  });

  it('reports redis down without failing the scrape when INFO fails', async () => {
    const down = () => Promise.reject(new Error('ECONNREFUSED'));
    const { registry } = registryWith(down, down);
    const text = await registry.metrics();
    expect(metricValue(text, 'cachefleet_redis_up')).toBe(0);
    expect(metricValue(text, 'cachefleet_redis_restarts_total')).toBe(2);
    // Replication and cluster state are unknown, not 0, while Redis is down.
    expect(metricValue(text, 'cachefleet_redis_role_primary')).toBeUndefined();
    expect(metricValue(text, 'cachefleet_redis_cluster_enabled')).toBeUndefined();
  });

  it('gives a standalone primary no cluster or replica-only samples, not false zeros', async () => {
    const { registry } = registryWith(() => Promise.resolve(info));
    const text = await registry.metrics();
    expect(metricValue(text, 'cachefleet_redis_cluster_enabled')).toBe(0);
    expect(metricValue(text, 'cachefleet_redis_role_primary')).toBe(1);
    expect(metricValue(text, 'cachefleet_redis_replication_offset_bytes')).toBe(42);
    expect(metricValue(text, 'cachefleet_redis_replica_lag_bytes')).toBe(0);
    for (const absent of [
      'cachefleet_redis_cluster_state_ok',
      'cachefleet_redis_cluster_slots_ok',
      'cachefleet_redis_master_link_up',
      'cachefleet_redis_master_last_io_seconds',
    ]) {
      expect(metricValue(text, absent)).toBeUndefined();
    }
  });

  it('reads the host: memory, load, CPUs and free space of the data dir', async () => {
    const text = await registryWith(() => Promise.resolve(info)).registry.metrics();
    const total = metricValue(text, 'cachefleet_host_memory_total_bytes') ?? 0;
    const available = metricValue(text, 'cachefleet_host_memory_available_bytes') ?? -1;
    expect(total).toBe(os.totalmem());
    expect(available).toBeGreaterThan(0);
    expect(available).toBeLessThanOrEqual(total);
    expect(metricValue(text, 'cachefleet_host_cpus')).toBe(os.cpus().length);
    expect(metricValue(text, 'cachefleet_host_load1')).toBeGreaterThanOrEqual(0);
    expect(metricValue(text, 'cachefleet_host_disk_free_bytes')).toBeGreaterThan(0);
  });

  it('never labels a Redis metric with anything unbounded', async () => {
    const { registry } = registryWith(() => Promise.resolve(info));
    const labelled = (await registry.metrics())
      .split('\n')
      .filter((line) => /^cachefleet_(redis|host)_/.test(line) && line.includes('{'));
    expect(labelled).toEqual([]);
  });
});
