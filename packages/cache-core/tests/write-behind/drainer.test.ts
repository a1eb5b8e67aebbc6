import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '@cachefleet/testing';
import { WriteBehindDrainer, type Cache } from '../../src/index.js';
import type { PostgresSource } from '../../src/postgres/index.js';
import { closeAll, openCaches } from '../helpers/caches.js';
import { ObservedSource, createSource, rowOf, uniqueName } from '../helpers/pg-table.js';
import { startTarget, type RedisTarget } from '../helpers/redis-targets.js';

type Val = { key: string; seq: number; poison?: boolean };

describe('write-behind', () => {
  let db: TestDatabase;
  let target: RedisTarget;
  let table: string;
  let pgSource: PostgresSource<Val>;
  let observed: ObservedSource<Val>;
  let writer: Cache<Val>;
  let reader: Cache<Val>;
  let namespace: string;

  beforeAll(async () => {
    [db, target] = await Promise.all([startTestDatabase('pglite'), startTarget('cluster')]);
    table = uniqueName('wb');
    pgSource = await createSource<Val>(db.url, table);
    // The poison is real: PostgreSQL itself refuses the row.
    await pgSource.pool.query(
      `ALTER TABLE "${table}" ADD CONSTRAINT no_poison CHECK (NOT (value ? 'poison'))`,
    );
    observed = new ObservedSource(pgSource);
    namespace = uniqueName('wb');
    [writer, reader] = (await openCaches(target, namespace, pgSource, 2, {
      writeMode: 'write-behind',
      writeBehindPartitions: 4,
    })) as [Cache<Val>, Cache<Val>];
  });
  afterAll(async () => {
    await closeAll([writer, reader]);
    await pgSource.pool.end();
    await Promise.all([target.stop(), db.stop()]);
  });

  it('serves queued writes at once, drains them in per-key order, and dead-letters a poison entry', async () => {
    const keys = ['a', 'b', 'c', 'd', 'e'];
    for (let seq = 1; seq <= 20; seq++) {
      for (const key of keys) {
        const poison = key === 'c' && seq === 5;
        await writer.set(key, poison ? { key, seq, poison } : { key, seq });
      }
    }
    await writer.delete('e');
    // Read-your-writes before anything reached PostgreSQL, and visible to other processes too.
    expect(await writer.get('a')).toEqual({ key: 'a', seq: 20 });
    expect(await reader.get('b')).toEqual({ key: 'b', seq: 20 });
    expect(await reader.get('e')).toBeUndefined();
    expect(await rowOf(pgSource.pool, table, 'a')).toBeUndefined();

    const drainer = new WriteBehindDrainer<Val>({
      client: target.client(),
      namespace,
      source: observed,
      partitions: 4,
      maxAttempts: 3,
      retryBaseMs: 5,
    });
    expect(await drainer.drain()).toBe(101);

    for (const key of keys) {
      const seqs = observed.stored
        .filter((entry) => entry.key === key)
        .map((entry) => entry.value.seq);
      const expected = Array.from({ length: 20 }, (_, i) => i + 1).filter(
        (s) => !(key === 'c' && s === 5),
      );
      expect(seqs).toEqual(expected);
    }
    expect((await rowOf(pgSource.pool, table, 'c'))?.value).toEqual({ key: 'c', seq: 20 });
    expect(await rowOf(pgSource.pool, table, 'e')).toBeUndefined();
    const dead = await drainer.deadLetters();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ key: 'c', op: 'set' });
    expect(JSON.parse(dead[0]?.payload ?? '{}')).toEqual({ key: 'c', seq: 5, poison: true });
    expect(dead[0]?.error).toContain('no_poison');

    // After the drain, L2 holds committed versions equal to PostgreSQL's.
    for (const key of ['a', 'b', 'c', 'd']) {
      const row = await rowOf(pgSource.pool, table, key);
      const view = await reader.inspect(key);
      expect(view.l2?.pendingId).toBeUndefined();
      expect(view.l2?.version).toBe(row?.version);
      expect(await reader.getOrLoad(key)).toEqual(row?.value);
    }
  });
});
