import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PostgresSource } from '../../src/postgres/index.js';
import type { Source, SourceRecord } from '../../src/index.js';

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/** A PostgresSource on a fresh table, plus its pool for direct checks. */
export async function createSource<V>(
  url: string,
  table = uniqueName('items'),
): Promise<PostgresSource<V>> {
  const pool = new pg.Pool({ connectionString: url, max: 6 });
  const source: PostgresSource<V> = new PostgresSource({ pool, table });
  await source.ensureTable();
  return source;
}

/**
 * Wraps a real source to count calls and optionally hold loads at a gate. The data still comes from
 * PostgreSQL; only the timing is steered, to reproduce races deterministically.
 */
export class ObservedSource<V> implements Source<V> {
  loads = 0;
  loadedKeys: string[] = [];
  stored: { key: string; value: V }[] = [];
  gate: Promise<void> | undefined;
  failLoads: Error | undefined;
  loadDelayMs = 0;

  constructor(private readonly inner: Source<V>) {}

  async load(keys: readonly string[]): Promise<Map<string, SourceRecord<V>>> {
    this.loads++;
    this.loadedKeys.push(...keys);
    const failure = this.failLoads;
    const rows = await this.inner.load(keys);
    if (this.loadDelayMs > 0) await new Promise((r) => setTimeout(r, this.loadDelayMs));
    if (failure) throw failure;
    if (this.gate) await this.gate;
    return rows;
  }

  async store(entries: readonly { key: string; value: V }[]): Promise<Map<string, number>> {
    const versions = await this.inner.store(entries);
    this.stored.push(...entries);
    return versions;
  }

  remove(keys: readonly string[]): Promise<Map<string, number>> {
    return this.inner.remove(keys);
  }
}

export async function rowOf(
  pool: pg.Pool,
  table: string,
  key: string,
): Promise<{ value: unknown; version: number } | undefined> {
  const result = await pool.query<{ value: unknown; version: string }>(
    `SELECT value, version FROM "${table}" WHERE key = $1`,
    [key],
  );
  const row = result.rows[0];
  return row === undefined ? undefined : { value: row.value, version: Number(row.version) };
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
