import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestDatabase, type TestDatabase } from '@cachefleet/testing';
import { createCache, type Cache } from '../../src/index.js';
import type { PostgresSource } from '../../src/postgres/index.js';
import { closeAll, openCaches, waitForBus } from '../helpers/caches.js';
import { ObservedSource, createSource, rowOf, uniqueName } from '../helpers/pg-table.js';
import { startTarget, type RedisTarget, type TargetKind } from '../helpers/redis-targets.js';

const matrix = databaseKinds().flatMap((db) =>
  (['single', 'cluster'] as TargetKind[]).map((redis) => [redis, db] as const),
);

describe.each(matrix)('one-pass versioned reads on %s Redis and %s', (redis, kind) => {
  let db: TestDatabase;
  let target: RedisTarget;
  let pgSource: PostgresSource<string>;
  let source: ObservedSource<string>;
  let a: Cache<string>;
  let b: Cache<string>;
  let table: string;
  const versionOf = async (key: string) => (await rowOf(pgSource.pool, table, key))?.version;

  beforeAll(async () => {
    [db, target] = await Promise.all([startTestDatabase(kind), startTarget(redis)]);
    table = uniqueName('items');
    pgSource = await createSource<string>(db.url, table);
    source = new ObservedSource(pgSource);
    [a, b] = (await openCaches(target, uniqueName('ns'), source, 2)) as [
      Cache<string>,
      Cache<string>,
    ];
  }, 120_000);
  afterAll(async () => {
    await closeAll([a, b]);
    await pgSource.pool.end();
    await Promise.all([target.stop(), db.stop()]);
  });

  it('says which tier answered, with the row version, and loads the source once', async () => {
    await pgSource.store([{ key: 'r', value: 'row' }]);
    const version = await versionOf('r');
    const loads = source.loads;
    expect(await a.getOrLoadEntry('r')).toEqual({ value: 'row', version, tier: 'source' });
    expect(await a.getOrLoadEntry('r')).toEqual({ value: 'row', version, tier: 'l1' });
    expect(await b.getEntry('r')).toEqual({ value: 'row', version, tier: 'l2' });
    expect(await b.getEntry('r')).toEqual({ value: 'row', version, tier: 'l1' });
    expect(source.loads - loads).toBe(1);
  });

  it('a write is read back at its committed version, here from L1 and elsewhere from L2', async () => {
    await b.getOrLoadEntry('w');
    const version = await a.set('w', 'one');
    expect(version).toBe(await versionOf('w'));
    expect(await a.getEntry('w')).toEqual({ value: 'one', version, tier: 'l1' });
    const next = await a.set('w', 'two');
    expect(next).toBeGreaterThan(version);
    // b's L1 copy went with the invalidation; its next read finds the new version in L2.
    await expect
      .poll(() => b.getOrLoadEntry('w'))
      .toEqual({ value: 'two', version: next, tier: 'l2' });
  });

  it('absent keys read as undefined, cached or not', async () => {
    expect(await a.getEntry('none')).toBeUndefined();
    expect(await a.getOrLoadEntry('none')).toBeUndefined();
    expect(await a.getOrLoadEntry('none')).toBeUndefined();
  });

  it('getManyEntries answers each key with its own tier and version, in order', async () => {
    await pgSource.store([
      { key: 'm1', value: 'v1' },
      { key: 'm2', value: 'v2' },
      { key: 'm3', value: 'v3' },
    ]);
    const [v1, v2, v3] = await Promise.all(['m1', 'm2', 'm3'].map(versionOf));
    await a.getOrLoad('m1');
    await b.getOrLoad('m2');
    const entries = await a.getManyEntries(['m1', 'm2', 'm3', 'absent', 'm2']);
    expect(entries).toEqual([
      { value: 'v1', version: v1, tier: 'l1' },
      { value: 'v2', version: v2, tier: 'l2' },
      { value: 'v3', version: v3, tier: 'source' },
      undefined,
      { value: 'v2', version: v2, tier: 'l2' },
    ]);
    expect(await a.getMany(['m3', 'absent'])).toEqual(['v3', undefined]);
  });

  it('a cache without L1 reads entries straight from L2', async () => {
    const bare = createCache<string>({
      namespace: a.namespace,
      l1: false,
      l2: { client: target.client() },
      source,
    });
    await bare.ready;
    await waitForBus(bare);
    const version = await a.set('bare', 'x');
    expect(await bare.getEntry('bare')).toEqual({ value: 'x', version, tier: 'l2' });
    expect(await bare.getOrLoadEntry('bare')).toEqual({ value: 'x', version, tier: 'l2' });
    await bare.close();
  });

  it('a write-behind value still queued reads at version 0, older than any commit', async () => {
    const [queued] = await openCaches(target, uniqueName('wb'), source, 1, {
      writeMode: 'write-behind',
    });
    if (queued === undefined) throw new Error('no cache');
    expect(await queued.set('q', 'later')).toBe(0);
    expect(await queued.getEntry('q')).toEqual({ value: 'later', version: 0, tier: 'l2' });
    expect(await queued.getEntry('q')).toEqual({ value: 'later', version: 0, tier: 'l1' });
    await queued.close();
  });
});
