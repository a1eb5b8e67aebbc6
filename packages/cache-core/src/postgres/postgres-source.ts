import pg from 'pg';
import type { Source, SourceRecord } from '../source/source.js';
import { qualified, quoteLiteral } from './sql.js';

export interface PostgresSourceOptions {
  /** A pool the caller owns, or a connection string (the source then owns and closes its pool). */
  pool?: pg.Pool;
  connectionString?: string;
  table: string;
  schema?: string;
  /** Pool size when the source creates the pool. */
  maxConnections?: number;
}

interface Statements {
  load: string;
  store: string;
  remove: string;
  ensure: string[];
}

/**
 * Versions come from one sequence per table, drawn inside the statement that commits the row:
 * the upsert's `version = nextval(...)` runs after the row lock, so versions follow commit order per
 * key, and a delete draws a fresh one for its tombstone, so a re-inserted key is newer than its
 * tombstone (a plain `version + 1` would restart at 1 after a delete).
 */
function buildStatements(schema: string | undefined, table: string): Statements {
  const name = qualified(schema, table);
  const sequenceName = qualified(schema, `${table.slice(0, 50)}_cf_version_seq`);
  const nextVersion = `nextval(${quoteLiteral(sequenceName)})`;
  return {
    ensure: [
      `CREATE SEQUENCE IF NOT EXISTS ${sequenceName}`,
      `CREATE TABLE IF NOT EXISTS ${name} (key text PRIMARY KEY, value jsonb NOT NULL, version bigint NOT NULL)`,
    ],
    load: `SELECT key, value, version FROM ${name} WHERE key = ANY($1::text[])`,
    store: `INSERT INTO ${name} AS t (key, value, version)
      SELECT x.k, x.v, ${nextVersion} FROM jsonb_to_recordset($1::jsonb) AS x(k text, v jsonb)
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, version = ${nextVersion}
      RETURNING key, version`,
    remove: `WITH d AS (DELETE FROM ${name} WHERE key = ANY($1::text[]) RETURNING key)
      SELECT u.k AS key, ${nextVersion} AS version
      FROM unnest($1::text[]) AS u(k) LEFT JOIN d ON d.key = u.k`,
  };
}

function versions(rows: readonly { key: string; version: string }[]): Map<string, number> {
  return new Map(rows.map((row) => [row.key, Number(row.version)]));
}

/** A namespace backed by a PostgreSQL table (key text, value jsonb, version bigint). */
export class PostgresSource<V> implements Source<V> {
  readonly pool: pg.Pool;
  private readonly ownsPool: boolean;
  private readonly sql: Statements;

  constructor(options: PostgresSourceOptions) {
    if (options.pool !== undefined) {
      this.pool = options.pool;
      this.ownsPool = false;
    } else {
      this.pool = new pg.Pool({
        connectionString: options.connectionString,
        max: options.maxConnections ?? 8,
      });
      // An idle connection dropped by the server must not crash the host process: the pool
      // discards it and the next query opens a new one.
      this.pool.on('error', () => undefined);
      this.ownsPool = true;
    }
    this.sql = buildStatements(options.schema, options.table);
  }

  /** Creates the table and its version sequence when missing. */
  async ensureTable(): Promise<void> {
    for (const statement of this.sql.ensure) await this.pool.query(statement);
  }

  async load(keys: readonly string[]): Promise<Map<string, SourceRecord<V>>> {
    const result = await this.pool.query<{ key: string; value: V; version: string }>(
      this.sql.load,
      [keys],
    );
    return new Map(
      result.rows.map((row) => [row.key, { value: row.value, version: Number(row.version) }]),
    );
  }

  async store(entries: readonly { key: string; value: V }[]): Promise<Map<string, number>> {
    // One row per key (the last write wins), as ON CONFLICT cannot touch a row twice.
    const latest = new Map(entries.map((entry) => [entry.key, entry.value]));
    const rows = [...latest].map(([k, v]) => ({ k, v }));
    const result = await this.pool.query<{ key: string; version: string }>(this.sql.store, [
      JSON.stringify(rows),
    ]);
    return versions(result.rows);
  }

  async remove(keys: readonly string[]): Promise<Map<string, number>> {
    const unique = [...new Set(keys)];
    const result = await this.pool.query<{ key: string; version: string }>(this.sql.remove, [
      unique,
    ]);
    return versions(result.rows);
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }
}
