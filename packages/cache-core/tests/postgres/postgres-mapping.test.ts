import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestDatabase, type TestDatabase } from '@cachefleet/testing';
import { ensureVersionSequence, PostgresSource } from '../../src/postgres/index.js';

interface Profile {
  name: string;
  tags: string[];
}

const columns = { keyColumn: 'user id', valueColumn: 'Payload', versionColumn: 'rev"x' };

describe.each(databaseKinds())('PostgresSource column mappings on %s', (kind) => {
  let db: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await startTestDatabase(kind);
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
  });
  afterAll(async () => {
    await pool.end();
    await db.stop();
  });

  it.each(['jsonb', 'bytea'] as const)(
    'reads and writes custom column names with %s values, versions bumped by the upsert',
    async (valueType) => {
      const table = `mapped_${valueType}`;
      const source = new PostgresSource<Profile>({ pool, table, valueType, ...columns });
      await source.ensureTable();
      const first = await source.store([{ key: 'u1', value: { name: 'Ada', tags: ['a'] } }]);
      const second = await source.store([{ key: 'u1', value: { name: 'Ada L', tags: [] } }]);
      expect(second.get('u1')).toBeGreaterThan(first.get('u1') ?? Infinity);
      const loaded = await source.load(['u1', 'nope']);
      expect(loaded.get('u1')).toEqual({
        value: { name: 'Ada L', tags: [] },
        version: second.get('u1'),
      });
      expect(loaded.has('nope')).toBe(false);
      const removed = await source.remove(['u1']);
      expect(removed.get('u1')).toBeGreaterThan(second.get('u1') ?? Infinity);
      expect((await source.load(['u1'])).size).toBe(0);
    },
  );

  it.each(['jsonb', 'bytea'] as const)(
    'stores one row or a batch, from the value or from its ready JSON text, alike (%s)',
    async (valueType) => {
      const source = new PostgresSource<unknown>({ pool, table: `texts_${valueType}`, valueType });
      await source.ensureTable();
      const values: [string, unknown][] = [
        ['s', 'quote " and \\ and Zoë'],
        ['n', 12.5],
        ['o', { a: [1, null, 'x'] }],
      ];
      for (const [key, value] of values) await source.store([{ key, value }]);
      await source.store(values.map(([key, value]) => ({ key: `b${key}`, value })));
      await source.store(
        values.map(([key, value]) => ({ key: `j${key}`, value, json: JSON.stringify(value) })),
      );
      await source.store([{ key: 'j1', value: 'x', json: JSON.stringify('x') }]);
      const keys = values.flatMap(([key]) => [key, `b${key}`, `j${key}`]);
      const loaded = await source.load([...keys, 'j1']);
      for (const [key, value] of values) {
        for (const k of [key, `b${key}`, `j${key}`]) expect(loaded.get(k)?.value).toEqual(value);
      }
      expect(loaded.get('j1')?.value).toBe('x');
    },
  );

  it('stores a bytea value as the UTF-8 bytes of its JSON text and reads rows written elsewhere', async () => {
    const source = new PostgresSource<Profile>({ pool, table: 'bytes_raw', valueType: 'bytea' });
    await source.ensureTable();
    await source.store([{ key: 'k', value: { name: 'Zoë', tags: [] } }]);
    const raw = await pool.query<{ value: Buffer; type: string }>(
      `SELECT value, pg_typeof(value)::text AS type FROM bytes_raw WHERE key = 'k'`,
    );
    expect(raw.rows[0]?.type).toBe('bytea');
    expect(raw.rows[0]?.value.toString('utf8')).toBe('{"name":"Zoë","tags":[]}');
    await pool.query(
      `INSERT INTO bytes_raw (key, value, version) VALUES ('outside', convert_to('{"name":"X","tags":["t"]}', 'UTF8'), 1)`,
    );
    expect((await source.load(['outside'])).get('outside')?.value).toEqual({
      name: 'X',
      tags: ['t'],
    });
  });

  it('uses a custom serializer for bytea tables', async () => {
    const upper = {
      serialize: (v: string) => v.toUpperCase(),
      deserialize: (p: string) => p.toLowerCase(),
    };
    const source = new PostgresSource<string>({
      pool,
      table: 'bytes_custom',
      valueType: 'bytea',
      serializer: upper,
    });
    await source.ensureTable();
    await source.store([{ key: 'k', value: 'hello' }]);
    const raw = await pool.query<{ value: Buffer }>(`SELECT value FROM bytes_custom`);
    expect(raw.rows[0]?.value.toString('utf8')).toBe('HELLO');
    expect((await source.load(['k'])).get('k')?.value).toBe('hello');
  });

  it('gives an existing table a version sequence past its highest version', async () => {
    await pool.query(
      `CREATE TABLE legacy (id varchar(64) PRIMARY KEY, body bytea NOT NULL, rev integer NOT NULL)`,
    );
    await pool.query(`INSERT INTO legacy VALUES ('old', convert_to('1', 'UTF8'), 41)`);
    const mapping = {
      table: 'legacy',
      keyColumn: 'id',
      valueColumn: 'body',
      versionColumn: 'rev',
      valueType: 'bytea' as const,
    };
    await ensureVersionSequence(pool, mapping);
    await ensureVersionSequence(pool, mapping); // idempotent, never moves backwards
    const source = new PostgresSource<number>({ pool, ...mapping });
    expect((await source.load(['old'])).get('old')).toEqual({ value: 1, version: 41 });
    const stored = await source.store([{ key: 'old', value: 2 }]);
    expect(stored.get('old')).toBeGreaterThan(41);
  });

  it('refuses invalid identifiers before touching the database', () => {
    expect(() => new PostgresSource({ pool, table: 't', keyColumn: '' })).toThrow(/identifier/);
    expect(() => new PostgresSource({ pool, table: 't', valueColumn: 'x'.repeat(64) })).toThrow(
      /identifier/,
    );
    expect(() => new PostgresSource({ pool, table: 't', versionColumn: 'a\0b' })).toThrow(
      /identifier/,
    );
  });
});
