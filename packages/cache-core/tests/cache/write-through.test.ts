import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestDatabase, type TestDatabase } from '@cachefleet/testing';
import type { Cache } from '../../src/index.js';
import type { PostgresSource } from '../../src/postgres/index.js';
import { closeAll, openCaches } from '../helpers/caches.js';
import { ObservedSource, createSource, rowOf, uniqueName, waitFor } from '../helpers/pg-table.js';
import { startTarget, type RedisTarget } from '../helpers/redis-targets.js';

interface Item {
  name: string;
  n: number;
}

describe.each(databaseKinds())('write-through cache on %s', (kind) => {
  let db: TestDatabase;
  let target: RedisTarget;
  let pgSource: PostgresSource<Item>;
  let source: ObservedSource<Item>;
  let table: string;
  let a: Cache<Item>;
  let b: Cache<Item>;

  beforeAll(async () => {
    [db, target] = await Promise.all([startTestDatabase(kind), startTarget('single')]);
    table = uniqueName('items');
    pgSource = await createSource<Item>(db.url, table);
    source = new ObservedSource(pgSource);
    [a, b] = (await openCaches(target, uniqueName('ns'), source, 2, { negativeTtlMs: 5_000 })) as [
      Cache<Item>,
      Cache<Item>,
    ];
  });
  afterAll(async () => {
    await closeAll([a, b]);
    await pgSource.pool.end();
    await Promise.all([target.stop(), db.stop()]);
  });

  it('set commits to PostgreSQL with a version, then every tier holds that version', async () => {
    const committed = await a.set('k1', { name: 'one', n: 1 });
    const row = await rowOf(pgSource.pool, table, 'k1');
    expect(row?.value).toEqual({ name: 'one', n: 1 });
    expect(committed).toBe(row?.version);
    const view = await a.inspect('k1');
    expect(view.l2?.version).toBe(row?.version);
    expect(view.l1?.version).toBe(row?.version);
    expect(await b.get('k1')).toEqual({ name: 'one', n: 1 });
  });

  it('reads through once, then serves from L1 and L2 without the source', async () => {
    await pgSource.store([{ key: 'rt', value: { name: 'db', n: 7 } }]);
    const before = source.loads;
    expect(await a.getOrLoad('rt')).toEqual({ name: 'db', n: 7 });
    expect(await a.getOrLoad('rt')).toEqual({ name: 'db', n: 7 });
    expect(await b.getOrLoad('rt')).toEqual({ name: 'db', n: 7 });
    expect(source.loads - before).toBe(1);
  });

  it('a write in one process invalidates the other process L1 through the bus', async () => {
    await a.set('shared', { name: 'v1', n: 1 });
    expect(await b.getOrLoad('shared')).toEqual({ name: 'v1', n: 1 });
    expect((await b.inspect('shared')).l1?.value).toEqual({ name: 'v1', n: 1 });
    await a.set('shared', { name: 'v2', n: 2 });
    await waitFor(async () => (await b.inspect('shared')).l1 === undefined);
    expect(await b.getOrLoad('shared')).toEqual({ name: 'v2', n: 2 });
  });

  it('delete removes the row and leaves a versioned tombstone that refuses stale fills', async () => {
    await a.set('gone', { name: 'x', n: 1 });
    await b.getOrLoad('gone');
    await a.delete('gone');
    expect(await rowOf(pgSource.pool, table, 'gone')).toBeUndefined();
    const view = await a.inspect('gone');
    expect(view.l2?.kind).toBe('tombstone');
    expect(view.l1).toBeUndefined();
    await waitFor(async () => (await b.inspect('gone')).l1 === undefined);
    expect(await b.getOrLoad('gone')).toBeUndefined();
  });

  it('re-inserting after a delete gets a newer version than the tombstone', async () => {
    await a.set('again', { name: 'first', n: 1 });
    await a.delete('again');
    const tomb = (await a.inspect('again')).l2?.version ?? 0;
    await a.set('again', { name: 'second', n: 2 });
    const view = await a.inspect('again');
    expect(view.l2?.version).toBeGreaterThan(tomb);
    expect(await b.getOrLoad('again')).toEqual({ name: 'second', n: 2 });
  });

  it('caches absence with its own TTL, and a later write replaces it', async () => {
    const before = source.loads;
    expect(await a.getOrLoad('nobody')).toBeUndefined();
    expect(await b.getOrLoad('nobody')).toBeUndefined();
    expect(source.loads - before).toBe(1);
    expect((await a.inspect('nobody')).l2?.kind).toBe('negative');
    await b.set('nobody', { name: 'now', n: 1 });
    expect(await b.getOrLoad('nobody')).toEqual({ name: 'now', n: 1 });
    // Other processes learn through the bus, asynchronously.
    await waitFor(async () => (await a.inspect('nobody')).l1 === undefined);
    expect(await a.getOrLoad('nobody')).toEqual({ name: 'now', n: 1 });
  });

  it('getMany and setMany batch across tiers and keep key order', async () => {
    const versions = await a.setMany([
      { key: 'm1', value: { name: 'm1', n: 1 } },
      { key: 'm2', value: { name: 'm2', n: 2 } },
    ]);
    expect(versions).toEqual([
      (await rowOf(pgSource.pool, table, 'm1'))?.version,
      (await rowOf(pgSource.pool, table, 'm2'))?.version,
    ]);
    await pgSource.store([{ key: 'm3', value: { name: 'm3', n: 3 } }]);
    const values = await b.getMany(['m2', 'missing', 'm1', 'm3']);
    expect(values).toEqual([
      { name: 'm2', n: 2 },
      undefined,
      { name: 'm1', n: 1 },
      { name: 'm3', n: 3 },
    ]);
    expect((await b.inspect('m3')).l2?.kind).toBe('value');
  });

  it('tag invalidation makes tagged entries miss everywhere, O(1)', async () => {
    await a.set('t1', { name: 't1', n: 1 }, { tags: ['group'] });
    await a.set('t2', { name: 't2', n: 2 }, { tags: ['other'] });
    expect(await b.get('t1')).toEqual({ name: 't1', n: 1 });
    await a.invalidateTag('group');
    await waitFor(async () => (await b.get('t1')) === undefined);
    expect(await a.get('t1')).toBeUndefined();
    expect(await b.get('t2')).toEqual({ name: 't2', n: 2 });
    expect(await b.getOrLoad('t1')).toEqual({ name: 't1', n: 1 });
  });

  it('clearNamespace flushes every process by bumping the generation', async () => {
    await a.set('f1', { name: 'f', n: 1 });
    expect(await b.get('f1')).toEqual({ name: 'f', n: 1 });
    await a.clearNamespace();
    expect(await a.get('f1')).toBeUndefined();
    await waitFor(async () => (await b.get('f1')) === undefined);
    expect(await b.getOrLoad('f1')).toEqual({ name: 'f', n: 1 });
  });

  it('invalidate drops cached copies but keeps the source row', async () => {
    await a.set('inv', { name: 'i', n: 1 });
    await a.invalidate('inv');
    expect(await a.get('inv')).toBeUndefined();
    expect(await a.getOrLoad('inv')).toEqual({ name: 'i', n: 1 });
  });

  it('a failed commit changes no tier', async () => {
    await a.set('fail', { name: 'ok', n: 1 });
    const before = await a.inspect('fail');
    await pgSource.pool.query(
      `ALTER TABLE "${table}" ADD CONSTRAINT no_boom CHECK (value->>'name' <> 'boom')`,
    );
    try {
      await expect(a.set('fail', { name: 'boom', n: 2 })).rejects.toMatchObject({
        code: 'E_SOURCE_ERROR',
      });
    } finally {
      await pgSource.pool.query(`ALTER TABLE "${table}" DROP CONSTRAINT no_boom`);
    }
    const after = await a.inspect('fail');
    expect(after.l2).toEqual(before.l2);
    expect(after.l1?.value).toEqual({ name: 'ok', n: 1 });
    expect(await b.getOrLoad('fail')).toEqual({ name: 'ok', n: 1 });
  });
});
