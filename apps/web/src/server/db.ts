import { createDbClient, type Database, type DbClient } from '@cachefleet/db';
import { getEnv } from '~/env';

// Kept on globalThis so `next dev` module reloads reuse the pool instead of leaking one per edit.
const holder = globalThis as typeof globalThis & { cachefleetDb?: DbClient };

/** The process-wide database client, created on first use. */
export function getDb(): Database {
  holder.cachefleetDb ??= createDbClient(getEnv().DATABASE_URL);
  return holder.cachefleetDb.db;
}
