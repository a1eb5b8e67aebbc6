import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { apiKeys } from '../schema/index.js';

export type ApiKey = typeof apiKeys.$inferSelect;
/** What callers may see of a key: everything but its hash. */
export type ApiKeyInfo = Omit<ApiKey, 'secretHash'>;

function info({ secretHash: _hash, ...rest }: ApiKey): ApiKeyInfo {
  return rest;
}

export async function insertApiKey(
  db: Database,
  values: typeof apiKeys.$inferInsert,
): Promise<ApiKeyInfo> {
  const [row] = await db.insert(apiKeys).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return info(row);
}

export async function listApiKeys(db: Database): Promise<ApiKeyInfo[]> {
  const rows = await db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt));
  return rows.map(info);
}

/** Keys still in force, hashes included (agents verify bearer keys against them locally). */
export async function listActiveApiKeys(db: Database): Promise<ApiKey[]> {
  return db.select().from(apiKeys).where(isNull(apiKeys.revokedAt)).orderBy(apiKeys.createdAt);
}

/** The unrevoked key with this secret hash. */
export async function findActiveApiKeyByHash(
  db: Database,
  secretHash: string,
): Promise<ApiKey | undefined> {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.secretHash, secretHash), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row;
}

export async function revokeApiKey(db: Database, id: string): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

/** Moves lastUsedAt forward (never back) for each key; unknown ids are ignored. */
export async function recordApiKeyUsage(
  db: Database,
  usage: readonly { apiKeyId: string; lastUsedAt: Date }[],
): Promise<void> {
  if (usage.length === 0) return;
  const rows = JSON.stringify(usage.map((u) => ({ id: u.apiKeyId, t: u.lastUsedAt })));
  await db.execute(sql`
    UPDATE ${apiKeys} SET last_used_at = x.t
    FROM jsonb_to_recordset(${rows}::jsonb) AS x(id uuid, t timestamptz)
    WHERE ${apiKeys.id} = x.id AND (${apiKeys.lastUsedAt} IS NULL OR ${apiKeys.lastUsedAt} < x.t)`);
}
