import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '@cachefleet/testing';
import type { Cache } from '../../src/index.js';
import type { PostgresSource } from '../../src/postgres/index.js';
import { closeAll, openCaches } from '../helpers/caches.js';
import { ObservedSource, createSource, uniqueName, waitFor } from '../helpers/pg-table.js';
import { startTarget, type RedisTarget } from '../helpers/redis-targets.js';

type Val = { v: number };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('freshness: soft TTL, stale-while-revalidate, fail-safe, timeouts', () => {
  let db: TestDatabase;
  let target: RedisTarget;
  let pgSource: PostgresSource<Val>;
  let source: ObservedSource<Val>;
  const opened: Cache<Val>[] = [];

  async function open(policy: Parameters<typeof openCaches>[4]): Promise<Cache<Val>> {
    const [cache] = await openCaches(target, uniqueName('fresh'), source, 1, {
      jitter: 0,
      ...policy,
    });
    if (cache === undefined) throw new Error('no cache');
    opened.push(cache);
    return cache;
  }

  beforeAll(async () => {
    [db, target] = await Promise.all([startTestDatabase('pglite'), startTarget('single')]);
    pgSource = await createSource<Val>(db.url);
    source = new ObservedSource(pgSource);
  });
  afterAll(async () => {
    await closeAll(opened);
    await pgSource.pool.end();
    await Promise.all([target.stop(), db.stop()]);
  });

  it('serves the stale value at once and refreshes it in the background', async () => {
    const cache = await open({ softTtlMs: 100, ttlMs: 60_000, staleWhileRevalidate: true });
    await pgSource.store([{ key: 'swr', value: { v: 1 } }]);
    expect(await cache.getOrLoad('swr')).toEqual({ v: 1 });
    await pgSource.store([{ key: 'swr', value: { v: 2 } }]);
    await sleep(150);
    const stale: string[] = [];
    cache.events.on('staleServed', ({ reason }) => stale.push(reason));
    expect(await cache.getOrLoad('swr')).toEqual({ v: 1 });
    expect(stale).toEqual(['stale-while-revalidate']);
    await waitFor(async () => (await cache.getOrLoad('swr'))?.v === 2);
  });

  it('fail-safe serves the stale value when the source fails, and errors without one', async () => {
    const cache = await open({ softTtlMs: 100, ttlMs: 60_000, failSafe: true });
    await pgSource.store([{ key: 'fs', value: { v: 1 } }]);
    expect(await cache.getOrLoad('fs')).toEqual({ v: 1 });
    await sleep(150);
    source.failLoads = new Error('database down');
    try {
      expect(await cache.getOrLoad('fs')).toEqual({ v: 1 });
      await expect(cache.getOrLoad('never-cached')).rejects.toMatchObject({
        code: 'E_SOURCE_ERROR',
      });
    } finally {
      source.failLoads = undefined;
    }
  });

  it('a soft timeout serves stale while the load finishes; a hard timeout gives E_SOURCE_TIMEOUT', async () => {
    const cache = await open({
      softTtlMs: 100,
      ttlMs: 60_000,
      softTimeoutMs: 50,
      hardTimeoutMs: 300,
    });
    await pgSource.store([{ key: 'slow', value: { v: 1 } }]);
    expect(await cache.getOrLoad('slow')).toEqual({ v: 1 });
    await pgSource.store([{ key: 'slow', value: { v: 2 } }]);
    await sleep(150);
    source.loadDelayMs = 150;
    try {
      const started = Date.now();
      expect(await cache.getOrLoad('slow')).toEqual({ v: 1 });
      expect(Date.now() - started).toBeLessThan(140);
      await waitFor(
        async () =>
          (await cache.inspect('slow')).l2?.version !== undefined &&
          (await cache.get('slow'))?.v === 2,
      );
      source.loadDelayMs = 500;
      await expect(cache.getOrLoad('cold')).rejects.toMatchObject({ code: 'E_SOURCE_TIMEOUT' });
    } finally {
      source.loadDelayMs = 0;
    }
  });

  it('refreshes a hot key early (XFetch), so its readers never see a miss', async () => {
    // Hard TTL = soft TTL: an entry nobody refreshed is gone from L2 at expiry, and its next read
    // would miss and wait for the (slowed) source. β = 10 with ≥ 30 ms loads makes a refresh
    // likely from ~300 ms before expiry on, enough slack for a loaded machine.
    const cache = await open({ ttlMs: 600, softTtlMs: 600, earlyRefreshBeta: 10 });
    await pgSource.store([{ key: 'hot', value: { v: 1 } }]);
    expect(await cache.getOrLoad('hot')).toEqual({ v: 1 });
    // Changed behind the cache's back: only a refresh can bring v2.
    await pgSource.store([{ key: 'hot', value: { v: 2 } }]);
    const misses: string[] = [];
    let loads = 0;
    cache.events.on('miss', ({ tier }) => misses.push(tier));
    cache.events.on('load', () => loads++);
    source.loadDelayMs = 30;
    const seen: (number | undefined)[] = [];
    try {
      const end = Date.now() + 1_600;
      while (Date.now() < end) {
        seen.push((await cache.getOrLoad('hot'))?.v);
        await sleep(5);
      }
    } finally {
      source.loadDelayMs = 0;
    }
    expect(seen).not.toContain(undefined);
    expect(misses).toEqual([]);
    // Two expiries went by: each was refreshed ahead of time, and the refresh brought v2.
    expect(loads).toBeGreaterThanOrEqual(2);
    expect(seen.at(-1)).toBe(2);
  });

  it('cache-aside uses a caller loader and versions writes with the namespace counter', async () => {
    const cache = await open({ writeMode: 'cache-aside' });
    expect(await cache.getOrLoad('ca', () => Promise.resolve({ v: 7 }))).toEqual({ v: 7 });
    await cache.set('ca', { v: 8 });
    expect(await cache.get('ca')).toEqual({ v: 8 });
    await cache.delete('ca');
    expect(await cache.get('ca')).toBeUndefined();
  });
});
