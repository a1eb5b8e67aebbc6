// The agent's registry scraping real redis-server processes: a 3-primary cluster with one
// replica each, and a standalone server.
import os from 'node:os';
import {
  startRedis,
  startRedisCluster,
  type TestRedis,
  type TestRedisCluster,
} from '@cachefleet/testing';
import { Redis, Cluster } from 'ioredis';
import type { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInfoSampler } from '../../src/metrics/info-sampler.js';
import { createAgentRegistry } from '../../src/metrics/registry.js';
import { createTopologySampler } from '../../src/metrics/topology-sampler.js';
import { readRedisInfo } from '../../src/redis/info.js';
import { metricValue } from '../helpers/probes.js';

const clients: Redis[] = [];

function agentRegistry(node: { host: string; port: number }): Registry {
  const client = new Redis({ host: node.host, port: node.port, maxRetriesPerRequest: 1 });
  clients.push(client);
  return createAgentRegistry({
    version: 'test',
    heartbeatFailures: () => 0,
    restarts: () => 0,
    sampler: createInfoSampler(async () => readRedisInfo(await client.info())),
    topology: createTopologySampler(client),
    dataDir: os.tmpdir(),
  });
}

async function scrape(registry: Registry, name: string): Promise<number | undefined> {
  return metricValue(await registry.metrics(), name);
}

describe('replication and cluster metrics from real Redis', () => {
  let cluster: TestRedisCluster;
  let standalone: TestRedis;
  const primaries: Registry[] = [];
  const replicas: Registry[] = [];

  beforeAll(async () => {
    [cluster, standalone] = await Promise.all([startRedisCluster(3, 1), startRedis()]);
    for (const node of cluster.nodes) {
      const registry = agentRegistry(node);
      const primary = await scrape(registry, 'cachefleet_redis_role_primary');
      (primary === 1 ? primaries : replicas).push(registry);
    }
    // Some writes, so offsets move and replicas have something to follow.
    const writer = new Cluster(cluster.startupNodes);
    await Promise.all(Array.from({ length: 200 }, (_, i) => writer.set(`k${i}`, 'v'.repeat(100))));
    await writer.quit();
  }, 60_000);
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await Promise.all([cluster.stop(), standalone.stop()]);
  });

  it('sees a healthy cluster from every node, and the slots each primary serves', async () => {
    expect(primaries).toHaveLength(3);
    expect(replicas).toHaveLength(3);
    let owned = 0;
    for (const registry of [...primaries, ...replicas]) {
      const text = await registry.metrics();
      expect(metricValue(text, 'cachefleet_redis_cluster_enabled')).toBe(1);
      expect(metricValue(text, 'cachefleet_redis_cluster_state_ok')).toBe(1);
      expect(metricValue(text, 'cachefleet_redis_cluster_slots_assigned')).toBe(16_384);
      expect(metricValue(text, 'cachefleet_redis_cluster_slots_ok')).toBe(16_384);
      expect(metricValue(text, 'cachefleet_redis_cluster_slots_fail')).toBe(0);
      expect(metricValue(text, 'cachefleet_redis_cluster_known_nodes')).toBe(6);
      owned += metricValue(text, 'cachefleet_redis_cluster_slots_owned') ?? 0;
    }
    expect(owned).toBe(16_384);
  });

  it('reports each primary’s replica and offset, and each replica’s link to its primary', async () => {
    for (const registry of primaries) {
      const text = await registry.metrics();
      expect(metricValue(text, 'cachefleet_redis_connected_replicas')).toBe(1);
      expect(metricValue(text, 'cachefleet_redis_replication_offset_bytes')).toBeGreaterThan(0);
      expect(metricValue(text, 'cachefleet_redis_master_link_up')).toBeUndefined();
      // Replicas acknowledge about once a second, so the lag settles at 0 once writes stop.
      await expect
        .poll(() => scrape(registry, 'cachefleet_redis_replica_lag_bytes'), { timeout: 10_000 })
        .toBe(0);
    }
    for (const registry of replicas) {
      await expect
        .poll(() => scrape(registry, 'cachefleet_redis_master_link_up'), { timeout: 10_000 })
        .toBe(1);
      const text = await registry.metrics();
      expect(metricValue(text, 'cachefleet_redis_role_primary')).toBe(0);
      expect(metricValue(text, 'cachefleet_redis_cluster_slots_owned')).toBe(0);
      expect(metricValue(text, 'cachefleet_redis_master_last_io_seconds')).toBeGreaterThanOrEqual(
        0,
      );
      expect(metricValue(text, 'cachefleet_redis_replica_lag_bytes')).toBeGreaterThanOrEqual(0);
    }
  });

  it('reports a standalone server as a primary outside any cluster', async () => {
    const text = await agentRegistry(standalone).metrics();
    expect(metricValue(text, 'cachefleet_redis_up')).toBe(1);
    expect(metricValue(text, 'cachefleet_redis_cluster_enabled')).toBe(0);
    expect(metricValue(text, 'cachefleet_redis_cluster_state_ok')).toBeUndefined();
    expect(metricValue(text, 'cachefleet_redis_role_primary')).toBe(1);
    expect(metricValue(text, 'cachefleet_redis_connected_replicas')).toBe(0);
    expect(metricValue(text, 'cachefleet_redis_ops_per_second')).toBeGreaterThanOrEqual(0);
  });
});
