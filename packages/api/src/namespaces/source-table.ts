import { quoteIdent } from '@cachefleet/cache-core/postgres';
import type { NamespaceSourceMapping } from '@cachefleet/db';
import type pg from 'pg';
import { appError } from '../errors.js';

/**
 * A table cache-core's PostgresSource can use: the version is drawn from `<table>_cf_version_seq`
 * (the name PostgresSource uses) so versions follow commit order.
 */
export async function createSourceTable(
  client: pg.Client,
  table: string,
  valueType: 'jsonb' | 'bytea',
): Promise<{ created: boolean }> {
  const exists = await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [
    quoteIdent(table),
  ]);
  if (exists.rows[0]?.t) {
    throw appError('CONFLICT', 'E_TABLE_EXISTS', `table ${table} already exists`);
  }
  await client.query(
    `CREATE SEQUENCE IF NOT EXISTS ${quoteIdent(`${table.slice(0, 50)}_cf_version_seq`)}`,
  );
  await client.query(`CREATE TABLE ${quoteIdent(table)} (
    key text PRIMARY KEY,
    value ${valueType} NOT NULL,
    version bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now())`);
  return { created: true };
}

const acceptedTypes = {
  key: ['text', 'character varying'],
  version: ['bigint', 'integer'],
  jsonb: ['jsonb'],
  bytea: ['bytea'],
} as const;

function check(
  columns: Map<string, string>,
  column: string,
  role: string,
  accepted: readonly string[],
) {
  const type = columns.get(column);
  if (type === undefined) return `the ${role} column ${column} does not exist`;
  if (!accepted.includes(type))
    return `the ${role} column ${column} is ${type}, expected ${accepted.join(' or ')}`;
  return undefined;
}

/** Refuses a mapping whose table or columns are missing or of the wrong type, saying which. */
export async function checkSourceColumns(
  client: pg.Client,
  mapping: NamespaceSourceMapping,
): Promise<void> {
  const { rows } = await client.query<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1`,
    [mapping.table],
  );
  if (rows.length === 0) {
    throw appError(
      'BAD_REQUEST',
      'E_SOURCE_TABLE_MISSING',
      `table ${mapping.table} does not exist`,
    );
  }
  const columns = new Map(rows.map((r) => [r.column_name, r.data_type]));
  const problems = [
    check(columns, mapping.keyColumn, 'key', acceptedTypes.key),
    check(columns, mapping.valueColumn, 'value', acceptedTypes[mapping.valueType]),
    check(columns, mapping.versionColumn, 'version', acceptedTypes.version),
  ].filter((p) => p !== undefined);
  if (problems.length > 0) {
    throw appError('BAD_REQUEST', 'E_SOURCE_COLUMNS', `${mapping.table}: ${problems.join('; ')}`);
  }
}
