import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestDatabase, type TestDatabase } from '@cachefleet/testing';
import { PostgresSource, quoteIdent } from '../../src/postgres/index.js';

describe.each(databaseKinds())('PostgresSource on %s', (kind) => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let source: PostgresSource<{ n: number }>;

  beforeAll(async () => {
    db = await startTestDatabase(kind);
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
    // A hostile table name must be quoted, never interpreted.
    source = new PostgresSource({ pool, table: 'items"; DROP TABLE x; --' });
    await source.ensureTable();
  });
  afterAll(async () => {
    await pool.end();
    await db.stop();
  });

  it('quotes identifiers', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(() => quoteIdent('')).toThrow();
  });

  it('upserts bump the version in the same statement and load returns it', async () => {
    const first = await source.store([
      { key: 'a', value: { n: 1 } },
      { key: 'b', value: { n: 1 } },
    ]);
    const second = await source.store([{ key: 'a', value: { n: 2 } }]);
    expect(second.get('a')).toBeGreaterThan(first.get('a') ?? Infinity);
    const rows = await source.load(['a', 'b', 'missing']);
    expect(rows.get('a')).toEqual({ value: { n: 2 }, version: second.get('a') });
    expect(rows.has('missing')).toBe(false);
  });

  it('deletes return a tombstone version newer than the row, and re-inserts go past it', async () => {
    const stored = await source.store([{ key: 'd', value: { n: 1 } }]);
    const removed = await source.remove(['d', 'never']);
    expect(removed.get('d')).toBeGreaterThan(stored.get('d') ?? Infinity);
    expect(removed.has('never')).toBe(true);
    const again = await source.store([{ key: 'd', value: { n: 2 } }]);
    expect(again.get('d')).toBeGreaterThan(removed.get('d') ?? Infinity);
    expect((await source.load(['d'])).get('d')?.value).toEqual({ n: 2 });
  });

  it('keeps per-key versions in commit order under concurrent upserts', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) => source.store([{ key: 'c', value: { n } }])),
    );
    const versions = results.map((r) => r.get('c') ?? 0);
    expect(new Set(versions).size).toBe(20);
    const row = (await source.load(['c'])).get('c');
    expect(row?.version).toBe(Math.max(...versions));
  });
});
