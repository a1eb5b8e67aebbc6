import { qualified, quoteIdent, quoteLiteral } from './sql.js';

/** Where a namespace's rows live: the table and the names of its three columns. */
export interface SourceMapping {
  table: string;
  schema?: string | undefined;
  /** Column names; default key / value / version. */
  keyColumn?: string | undefined;
  valueColumn?: string | undefined;
  versionColumn?: string | undefined;
  /**
   * 'jsonb' stores the value as JSON; 'bytea' stores the namespace serializer's output as UTF-8
   * bytes (with the default JSON serializer: the JSON text's bytes) and reads bytes back through it.
   */
  valueType?: 'jsonb' | 'bytea' | undefined;
}

export interface Statements {
  load: string;
  /** Many rows: $1 is a JSON array of { k, v }. */
  store: string;
  /** One row ($1 key, $2 value text), the common `set`: no JSON array for PostgreSQL to unpack. */
  storeOne: string;
  remove: string;
  ensure: string[];
  /** Creates the version sequence of an existing table, advanced past its highest version. */
  sequence: string[];
}

/**
 * Versions come from one sequence per table, drawn inside the statement that commits the row:
 * the upsert's `version = nextval(...)` runs after the row lock, so versions follow commit order per
 * key, and a delete draws a fresh one for its tombstone, so a re-inserted key is newer than its
 * tombstone (a plain `version + 1` would restart at 1 after a delete). Every identifier is quoted
 * (quoteIdent refuses empty, over-long and NUL-bearing names), so any mapping is safe to interpolate.
 */
export function buildStatements(mapping: SourceMapping): Statements {
  const { schema, table } = mapping;
  const name = qualified(schema, table);
  const key = quoteIdent(mapping.keyColumn ?? 'key');
  const value = quoteIdent(mapping.valueColumn ?? 'value');
  const version = quoteIdent(mapping.versionColumn ?? 'version');
  const bytea = mapping.valueType === 'bytea';
  const sequenceName = qualified(schema, `${table.slice(0, 50)}_cf_version_seq`);
  const nextVersion = `nextval(${quoteLiteral(sequenceName)})`;
  // bytea rows take the serialized text as UTF-8 bytes, converted inside the statement.
  const incoming = bytea ? `convert_to(x.v, 'UTF8')` : 'x.v';
  return {
    ensure: [
      `CREATE SEQUENCE IF NOT EXISTS ${sequenceName}`,
      `CREATE TABLE IF NOT EXISTS ${name} (${key} text PRIMARY KEY, ${value} ${bytea ? 'bytea' : 'jsonb'} NOT NULL, ${version} bigint NOT NULL)`,
    ],
    sequence: [
      `CREATE SEQUENCE IF NOT EXISTS ${sequenceName}`,
      `SELECT setval(${quoteLiteral(sequenceName)}, GREATEST(
        (SELECT coalesce(max(${version}), 0) FROM ${name}),
        (SELECT last_value FROM ${sequenceName}), 1))`,
    ],
    load: `SELECT ${key} AS key, ${value} AS value, ${version} AS version FROM ${name} WHERE ${key} = ANY($1::text[])`,
    store: `INSERT INTO ${name} AS t (${key}, ${value}, ${version})
      SELECT x.k, ${incoming}, ${nextVersion} FROM jsonb_to_recordset($1::jsonb) AS x(k text, v ${bytea ? 'text' : 'jsonb'})
      ON CONFLICT (${key}) DO UPDATE SET ${value} = EXCLUDED.${value}, ${version} = ${nextVersion}
      RETURNING ${key} AS key, ${version} AS version`,
    storeOne: `INSERT INTO ${name} AS t (${key}, ${value}, ${version})
      VALUES ($1, ${bytea ? `convert_to($2::text, 'UTF8')` : '$2::jsonb'}, ${nextVersion})
      ON CONFLICT (${key}) DO UPDATE SET ${value} = EXCLUDED.${value}, ${version} = ${nextVersion}
      RETURNING ${version} AS version`,
    remove: `WITH d AS (DELETE FROM ${name} WHERE ${key} = ANY($1::text[]) RETURNING ${key} AS key)
      SELECT u.k AS key, ${nextVersion} AS version
      FROM unnest($1::text[]) AS u(k) LEFT JOIN d ON d.key = u.k`,
  };
}
