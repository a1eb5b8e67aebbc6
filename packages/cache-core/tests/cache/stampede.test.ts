import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '@cachefleet/testing';
import type { Cache } from '../../src/index.js';
import type { PostgresSource } from '../../src/postgres/index.js';
import { closeAll, openCaches } from '../helpers/caches.js';
import { ObservedSource, createSource, uniqueName, waitFor } from '../helpers/pg-table.js';
import { startTarget, type RedisTarget } from '../helpers/redis-targets.js';

// Runs on the cluster: the lease, the fill and the bus all live on cluster nodes.
describe('stampede control across processes (Redis Cluster + PostgreSQL)', () => {
  let db: TestDatabase;
  let target: RedisTarget;
  let pgSource: PostgresSource<{ n: number }>;
  let source: ObservedSource<{ n: number }>;
  let caches: Cache<{ n: number }>[];

  beforeAll(async () => {
    [db, target] = await Promise.all([startTestDatabase('pglite'), startTarget('cluster')]);
    pgSource = await createSource<{ n: number }>(db.url);
    source = new ObservedSource(pgSource);
    caches = await openCaches(target, uniqueName('stampede'), source, 4);
  });
  afterAll(async () => {
    await closeAll(caches);
    await pgSource.pool.end();
    await Promise.all([target.stop(), db.stop()]);
  });

  it('1,000 concurrent misses of one key across 4 caches cause exactly 1 source load', async () => {
    await pgSource.store([{ key: 'hot', value: { n: 42 } }]);
    // The load is slow, so every caller really is waiting on the same miss.
    source.loadDelayMs = 150;
    const coalesced = { process: 0, lease: 0 };
    for (const cache of caches)
      cache.events.on('coalesced', ({ scope }) => {
        coalesced[scope]++;
      });
    const results = await Promise.all(
      Array.from(
        { length: 1000 },
        (_, i) => caches[i % 4]?.getOrLoad('hot') ?? Promise.resolve(undefined),
      ),
    );
    expect(source.loads).toBe(1);
    expect(results.every((r) => r?.n === 42)).toBe(true);
    expect(coalesced.process).toBe(996);
    expect(coalesced.lease).toBe(3);
  });

  it('waiters take over when the lease holder fails', async () => {
    await pgSource.store([{ key: 'flaky', value: { n: 1 } }]);
    source.loadDelayMs = 50;
    source.failLoads = new Error('db hiccup');
    const started = source.loads;
    const first = caches[0]?.getOrLoad('flaky').catch((error: unknown) => error);
    // The failing load has begun (it took the failure with it); later loads succeed.
    await waitFor(() => source.loads > started, 10_000);
    source.failLoads = undefined;
    const loadsBefore = source.loads;
    const second = caches[1]?.getOrLoad('flaky');
    expect(await first).toMatchObject({ code: 'E_SOURCE_ERROR' });
    expect(await second).toEqual({ n: 1 });
    // The second cache waited on the first one's lease, then loaded itself once it was released.
    expect(source.loads - loadsBefore).toBe(1);
  });

  it('concurrent getMany over overlapping keys from 4 caches loads each key exactly once', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `many${i}`);
    await pgSource.store(keys.map((key, i) => ({ key, value: { n: i } })));
    source.loadDelayMs = 100;
    const loadsBefore = source.loads;
    source.loadedKeys = [];
    // Eight batches of 20 keys, each shifted by 5: every key is in four batches, on different caches.
    const calls = Array.from({ length: 8 }, (_, c) => ({
      cache: caches[c % 4],
      wanted: Array.from({ length: 20 }, (_, j) => keys[(c * 5 + j) % 40] ?? ''),
    }));
    const results = await Promise.all(
      calls.map(({ cache, wanted }) => cache?.getMany(wanted) ?? Promise.resolve([])),
    );
    results.forEach((values, c) => {
      expect(values).toEqual(calls[c]?.wanted.map((key) => ({ n: Number(key.slice(4)) })));
    });
    const loadsPerKey = new Map<string, number>();
    for (const key of source.loadedKeys) loadsPerKey.set(key, (loadsPerKey.get(key) ?? 0) + 1);
    expect([...loadsPerKey.keys()].sort()).toEqual([...keys].sort());
    expect([...loadsPerKey.values()].every((loads) => loads === 1)).toBe(true);
    // Each batch loads what it won in one source call (none at all when it won nothing).
    expect(source.loads - loadsBefore).toBeLessThanOrEqual(calls.length);
  });
});
