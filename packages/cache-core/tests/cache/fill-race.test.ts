import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '@cachefleet/testing';
import type { Cache } from '../../src/index.js';
import type { PostgresSource } from '../../src/postgres/index.js';
import { closeAll, openCaches } from '../helpers/caches.js';
import { ObservedSource, createSource, uniqueName, waitFor } from '../helpers/pg-table.js';
import { startTarget, type RedisTarget } from '../helpers/redis-targets.js';

type Val = { v: string };

/** A gate the observed source's loads wait on after they read PostgreSQL. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('a slow read-through fill racing a write', () => {
  let db: TestDatabase;
  let target: RedisTarget;
  let pgSource: PostgresSource<Val>;
  let slow: ObservedSource<Val>;
  let writer: Cache<Val>;
  let reader: Cache<Val>;
  let caches: Cache<Val>[] = [];

  beforeAll(async () => {
    [db, target] = await Promise.all([startTestDatabase('pglite'), startTarget('cluster')]);
    pgSource = await createSource<Val>(db.url);
    slow = new ObservedSource(pgSource);
    const ns = uniqueName('race');
    // The reader loads through the gated source; the writer writes straight to PostgreSQL.
    caches = [
      ...(await openCaches(target, ns, pgSource, 1)),
      ...(await openCaches(target, ns, slow, 1)),
    ];
    [writer, reader] = caches as [Cache<Val>, Cache<Val>];
  });
  afterAll(async () => {
    await closeAll(caches);
    await pgSource.pool.end();
    await Promise.all([target.stop(), db.stop()]);
  });

  async function expectEverywhere(key: string, expected: Val | undefined): Promise<void> {
    for (const cache of [writer, reader]) {
      const view = await cache.inspect(key);
      if (view.l1 !== undefined) expect(view.l1.value).toEqual(expected);
      if (view.l2?.kind === 'value') expect(JSON.parse(view.l2.payload)).toEqual(expected);
      expect(await cache.getOrLoad(key)).toEqual(expected);
    }
  }

  it('never leaves the old value in L2 or any L1 after an update', async () => {
    await pgSource.store([{ key: 'u', value: { v: 'old' } }]);
    const g = gate();
    slow.gate = g.promise;
    const fill = reader.getOrLoad('u');
    await waitFor(() => slow.loadedKeys.includes('u'));
    await writer.set('u', { v: 'new' });
    g.open();
    slow.gate = undefined;
    expect(await fill).toEqual({ v: 'old' }); // it was the truth when read; it is just not cached
    expect((await reader.inspect('u')).l2?.payload).toBe('{"v":"new"}');
    await expectEverywhere('u', { v: 'new' });
  });

  it('never resurrects a deleted key', async () => {
    await pgSource.store([{ key: 'd', value: { v: 'alive' } }]);
    const g = gate();
    slow.gate = g.promise;
    const fill = reader.getOrLoad('d');
    await waitFor(() => slow.loadedKeys.includes('d'));
    await writer.delete('d');
    g.open();
    slow.gate = undefined;
    await fill;
    expect((await reader.inspect('d')).l2?.kind).toBe('tombstone');
    await expectEverywhere('d', undefined);
  });

  it('a fill vetoed in L2 also stays out of the loading process L1 when it writes itself', async () => {
    await pgSource.store([{ key: 's', value: { v: 'before' } }]);
    const g = gate();
    slow.gate = g.promise;
    const fill = reader.getOrLoad('s');
    await waitFor(() => slow.loadedKeys.includes('s'));
    await reader.set('s', { v: 'mine' });
    g.open();
    slow.gate = undefined;
    await fill;
    expect((await reader.inspect('s')).l1?.value).toEqual({ v: 'mine' });
    await expectEverywhere('s', { v: 'mine' });
  });
});
