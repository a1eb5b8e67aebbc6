import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '@cachefleet/testing';
import { createCache, type Cache, type TierView } from '../../src/index.js';
import type { PostgresSource } from '../../src/postgres/index.js';
import { closeAll, openCaches } from '../helpers/caches.js';
import { createSource, rowOf, uniqueName } from '../helpers/pg-table.js';
import { startTarget, type RedisTarget } from '../helpers/redis-targets.js';

type Doc = Record<string, unknown>;

describe('bad input is refused with a coded error and changes no tier', () => {
  let db: TestDatabase;
  let target: RedisTarget;
  let table: string;
  let pgSource: PostgresSource<Doc>;
  let cache: Cache<Doc>;
  let other: Cache<Doc>;

  beforeAll(async () => {
    [db, target] = await Promise.all([startTestDatabase('pglite'), startTarget('single')]);
    table = uniqueName('docs');
    pgSource = await createSource<Doc>(db.url, table);
    [cache, other] = (await openCaches(target, uniqueName('bad'), pgSource, 2, {
      maxValueBytes: 4096,
    })) as [Cache<Doc>, Cache<Doc>];
    await cache.set('k', { ok: true });
    await other.getOrLoad('k');
  });
  afterAll(async () => {
    await closeAll([cache, other]);
    await pgSource.pool.end();
    await Promise.all([target.stop(), db.stop()]);
  });

  async function snapshot(): Promise<[TierView<Doc>, TierView<Doc>, unknown]> {
    return [
      await cache.inspect('k'),
      await other.inspect('k'),
      await rowOf(pgSource.pool, table, 'k'),
    ];
  }

  const cyclic: Doc = {};
  cyclic.self = cyclic;
  const cases: [string, () => Promise<unknown>, string][] = [
    ['empty key', () => cache.set('', { a: 1 }), 'E_INVALID_KEY'],
    ['key over 1 KiB', () => cache.set('k'.repeat(1025), { a: 1 }), 'E_INVALID_KEY'],
    ['key with a lone surrogate', () => cache.set('k\uD800', { a: 1 }), 'E_INVALID_KEY'],
    ['value over the limit', () => cache.set('k', { big: 'x'.repeat(5000) }), 'E_VALUE_TOO_LARGE'],
    ['cyclic value', () => cache.set('k', cyclic), 'E_UNSERIALIZABLE'],
    ['bigint value', () => cache.set('k', { n: 10n }), 'E_UNSERIALIZABLE'],
    ['undefined value', () => cache.set('k', undefined as unknown as Doc), 'E_UNSERIALIZABLE'],
    [
      'one bad entry in setMany',
      () =>
        cache.setMany([
          { key: 'k', value: { a: 2 } },
          { key: '', value: {} },
        ]),
      'E_INVALID_KEY',
    ],
    ['bad key on delete', () => cache.delete(''), 'E_INVALID_KEY'],
    ['bad key on getOrLoad', () => cache.getOrLoad('x'.repeat(2000)), 'E_INVALID_KEY'],
    ['empty tag', () => cache.set('k', { a: 3 }, { tags: [''] }), 'E_INVALID_KEY'],
  ];

  it.each(cases)('%s', async (_name, run, code) => {
    const before = await snapshot();
    await expect(run()).rejects.toMatchObject({ code });
    expect(await snapshot()).toEqual(before);
    expect(await cache.get('k')).toEqual({ ok: true });
  });

  it('limits are configurable up to 64 MiB and not beyond', () => {
    const client = target.client();
    expect(() =>
      createCache({
        namespace: 'x',
        l2: { client },
        policy: { writeMode: 'cache-aside', maxValueBytes: 65 * 1024 * 1024 },
      }),
    ).toThrow(expect.objectContaining({ code: 'E_INVALID_OPTION' }));
    expect(() =>
      createCache({ namespace: 'bad ns', l2: { client }, policy: { writeMode: 'cache-aside' } }),
    ).toThrow(expect.objectContaining({ code: 'E_INVALID_NAMESPACE' }));
  });
});
