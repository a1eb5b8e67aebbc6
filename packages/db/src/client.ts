import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema/index.js';

export type Database = NodePgDatabase<typeof schema>;

export interface DbClient {
  db: Database;
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface DbClientOptions {
  /** Pool size; PGlite serialises all work anyway, so a few connections are plenty. */
  max?: number;
}

/** One client path for both PostgreSQL servers and the embedded PGlite (served over pglite-socket). */
export function createDbClient(url: string, options: DbClientOptions = {}): DbClient {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 8 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = drizzle({ client: pool, schema, casing: 'snake_case' });
  return { db, pool, close: () => pool.end() };
}
