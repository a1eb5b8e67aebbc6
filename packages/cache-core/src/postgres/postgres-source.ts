import pg from 'pg';
import { jsonSerializer, serializeOrThrow, type Serializer } from '../serializer.js';
import type { Source, SourceEntry, SourceRecord } from '../source/source.js';
import { buildStatements, type SourceMapping, type Statements } from './statements.js';

export interface PostgresSourceOptions<V = unknown> extends SourceMapping {
  /** A pool the caller owns, or a connection string (the source then owns and closes its pool). */
  pool?: pg.Pool;
  connectionString?: string;
  /** Pool size when the source creates the pool. */
  maxConnections?: number;
  /** How a bytea column's bytes map to values (UTF-8 text of this serializer); JSON by default. */
  serializer?: Serializer<V>;
}

function versions(rows: readonly { key: string; version: string }[]): Map<string, number> {
  return new Map(rows.map((row) => [row.key, Number(row.version)]));
}

/**
 * A namespace backed by a PostgreSQL table: a text key column, a jsonb or bytea value column and a
 * bigint version column, each named by the mapping (key / value / version by default).
 */
export class PostgresSource<V> implements Source<V> {
  readonly pool: pg.Pool;
  private readonly ownsPool: boolean;
  private readonly sql: Statements;
  /** Set for bytea tables: values travel as the serializer's text, stored as its UTF-8 bytes. */
  private readonly bytes: Serializer<V> | undefined;
  /** Whether an entry's ready JSON text is the text this source would store (jsonb, or JSON bytea). */
  private readonly takesJson: boolean;
  private readonly json = jsonSerializer<V>();

  constructor(options: PostgresSourceOptions<V>) {
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
    this.sql = buildStatements(options);
    this.bytes =
      options.valueType === 'bytea' ? (options.serializer ?? jsonSerializer<V>()) : undefined;
    this.takesJson = this.bytes === undefined || options.serializer === undefined;
  }

  /** Creates the table and its version sequence when missing. */
  async ensureTable(): Promise<void> {
    for (const statement of this.sql.ensure) await this.pool.query(statement);
  }

  async load(keys: readonly string[]): Promise<Map<string, SourceRecord<V>>> {
    const result = await this.pool.query<{ key: string; value: V | Buffer; version: string }>(
      this.sql.load,
      [keys],
    );
    const bytes = this.bytes;
    return new Map(
      result.rows.map((row) => {
        const value =
          bytes === undefined
            ? (row.value as V)
            : bytes.deserialize((row.value as Buffer).toString('utf8'));
        return [row.key, { value, version: Number(row.version) }];
      }),
    );
  }

  // Not async: a one-entry store (every `set`) hands back the statement's own promise instead of
  // wrapping it in another one, which costs the caller extra microtask hops after the reply.
  store(entries: readonly SourceEntry<V>[]): Promise<Map<string, number>> {
    const [only] = entries;
    return entries.length === 1 && only !== undefined
      ? this.storeOne(only)
      : this.storeRows(entries);
  }

  private async storeRows(entries: readonly SourceEntry<V>[]): Promise<Map<string, number>> {
    // One row per key (the last write wins), as ON CONFLICT cannot touch a row twice.
    const latest = new Map(entries.map((entry) => [entry.key, entry]));
    const rows = [...latest.values()].map(
      (entry) => `{"k":${JSON.stringify(entry.key)},"v":${this.rowValue(entry)}}`,
    );
    const result = await this.pool.query<{ key: string; version: string }>(this.sql.store, [
      `[${rows.join(',')}]`,
    ]);
    return versions(result.rows);
  }

  private async storeOne(entry: SourceEntry<V>): Promise<Map<string, number>> {
    const result = await this.pool.query<{ version: string }>(this.sql.storeOne, [
      entry.key,
      this.valueText(entry),
    ]);
    const row = result.rows[0];
    return new Map(row === undefined ? [] : [[entry.key, Number(row.version)]]);
  }

  /** The text PostgreSQL receives for a value: JSON for jsonb, the serializer's text for bytea. */
  private valueText(entry: SourceEntry<V>): string {
    if (entry.json !== undefined && this.takesJson) return entry.json;
    return serializeOrThrow(this.bytes ?? this.json, entry.value);
  }

  /** A value inside the rows' JSON array: JSON itself for jsonb, a JSON string for bytea. */
  private rowValue(entry: SourceEntry<V>): string {
    const text = this.valueText(entry);
    return this.bytes === undefined ? text : JSON.stringify(text);
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
