import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '@cachefleet/db';
import { databaseKinds } from '@cachefleet/testing';
import { startDataFixture, type DataFixture } from '../../tests/gateway-fixtures.js';
import { startHarness, type Harness } from '../../tests/harness.js';

describe.each(databaseKinds())('gateway and key browser on %s', (kind) => {
  let h: Harness;
  let d: DataFixture;
  const row = async (key: string) =>
    (await d.pool.query<{ value: unknown }>('SELECT value FROM items WHERE key = $1', [key]))
      .rows[0];

  beforeAll(async () => {
    h = await startHarness(kind);
    d = await startDataFixture(h, kind);
  }, 180_000);
  afterAll(async () => {
    await d.stop();
    await h.stop();
  });

  it('reads a row through from PostgreSQL, then serves it from L1 with the same version', async () => {
    await d.pool.query(
      "INSERT INTO items (key, value, version) VALUES ('a', '{\"n\":1}', nextval('items_cf_version_seq'))",
    );
    const first = await d.ro.cache.get({ namespace: 'items', key: 'a' });
    expect(first).toMatchObject({ key: 'a', value: { n: 1 }, tier: 'source' });
    const second = await d.ro.cache.get({ namespace: 'items', key: 'a' });
    expect(second).toMatchObject({ value: { n: 1 }, tier: 'l1', version: first.version });
  });

  it('writes through to PostgreSQL, and a delete removes the row and leaves a tombstone', async () => {
    const written = await d.rw.cache.set({ namespace: 'items', key: 'b', value: { name: 'bee' } });
    expect(Number(written.version)).toBeGreaterThan(0);
    expect((await row('b'))?.value).toEqual({ name: 'bee' });
    expect(await d.ro.cache.get({ namespace: 'items', key: 'b' })).toMatchObject({
      value: { name: 'bee' },
      version: written.version,
    });
    await d.rw.cache.delete({ namespace: 'items', key: 'b' });
    expect(await row('b')).toBeUndefined();
    await expect(d.ro.cache.get({ namespace: 'items', key: 'b' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const seen = await h.as.viewer.keys.get({ namespace: 'items', key: 'b' });
    expect(seen).toMatchObject({ state: 'tombstone', inSource: false });
  });

  it('follows a policy change within about a second, and notes when the key was used', async () => {
    await d.rw.cache.set({ namespace: 'notes', key: 'lim', value: 'v'.repeat(60) });
    await h.as.operator.namespaces.update({
      name: 'notes',
      policy: { writeMode: 'cache-aside', maxKeyBytes: 16, maxValueBytes: 50, tagsEnabled: true },
    });
    await new Promise((r) => setTimeout(r, 1_100));
    await expect(
      d.rw.cache.set({ namespace: 'notes', key: 'lim', value: 'v'.repeat(60) }),
    ).rejects.toMatchObject({ cause: { appCode: 'E_VALUE_TOO_LARGE' } });
    await h.as.operator.namespaces.update({
      name: 'notes',
      policy: { writeMode: 'cache-aside', maxKeyBytes: 16, maxValueBytes: 100, tagsEnabled: true },
    });
    const listed = (await h.as.viewer.apiKeys.list()).find((k) => k.id === d.rwKey.id);
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);
  });

  it('gets many in order, found or not', async () => {
    const { version } = await d.rw.cache.set({ namespace: 'notes', key: 'x', value: 1 });
    const { entries } = await d.rw.cache.getMany({ namespace: 'notes', keys: ['x', 'nope'] });
    // The writing process reads its own write back from L1, at the version the write answered.
    expect(entries).toEqual([
      { key: 'x', found: true, value: 1, version, tier: 'l1' },
      { key: 'nope', found: false },
    ]);
  });

  it('invalidates a tag: tagged entries read as misses, others stay', async () => {
    await d.rw.cache.set({ namespace: 'notes', key: 't1', value: 'a', tags: ['grp'] });
    await d.rw.cache.set({ namespace: 'notes', key: 't2', value: 'b' });
    await d.rw.cache.invalidate({ namespace: 'notes', tag: 'grp' });
    await expect(d.rw.cache.get({ namespace: 'notes', key: 't1' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await d.rw.cache.get({ namespace: 'notes', key: 't2' })).value).toBe('b');
  });

  it('pages through every key of a namespace across primaries, and filters by pattern', async () => {
    for (let i = 0; i < 30; i++)
      await d.rw.cache.set({ namespace: 'notes', key: `s${i}`, value: i });
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { keys: string[]; cursor: string | null } = await h.as.viewer.keys.scan({
        namespace: 'notes',
        pattern: 's*',
        cursor,
        count: 7,
      });
      page.keys.forEach((k) => seen.add(k));
      cursor = page.cursor;
      pages += 1;
    } while (cursor !== null && pages < 100);
    expect([...seen].sort()).toEqual(Array.from({ length: 30 }, (_, i) => `s${i}`).sort());
    const ones = await h.as.viewer.keys.scan({ namespace: 'notes', pattern: 's1?', count: 500 });
    expect(ones.keys.every((k) => /^s1\d$/.test(k))).toBe(true);
  });

  it('shows a large value truncated to 4 KiB with its full size, TTL and version', async () => {
    const big = 'x'.repeat(10_000);
    const { version } = await d.rw.cache.set({ namespace: 'items', key: 'big', value: big });
    const seen = await h.as.viewer.keys.get({ namespace: 'items', key: 'big' });
    expect(seen).toMatchObject({ state: 'L2', version, truncated: true, inSource: true });
    expect(seen.sizeBytes).toBe(10_002);
    expect(Buffer.byteLength(seen.preview ?? '')).toBe(4096);
    expect(seen.ttlMs).toBeGreaterThan(0);
    expect(seen.ttlMs).toBeLessThanOrEqual(120_000 * 1.1);
  });

  it('lets an operator invalidate and delete from the key browser, audited', async () => {
    await d.rw.cache.set({ namespace: 'items', key: 'op', value: 1 });
    await h.as.operator.keys.invalidate({ namespace: 'items', keys: ['op'] });
    expect((await h.as.viewer.keys.get({ namespace: 'items', key: 'op' })).state).not.toBe('L2');
    expect((await row('op'))?.value).toBe(1);
    await h.as.operator.keys.delete({ namespace: 'items', key: 'op' });
    expect(await row('op')).toBeUndefined();
    await expect(h.as.viewer.keys.delete({ namespace: 'items', key: 'op' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const actions = (await listAudit(h.client.db, { limit: 20 })).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['key.invalidate', 'key.delete']));
  });
});
