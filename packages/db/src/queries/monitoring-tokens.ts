import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../client.js';
import { monitoringTokens, type MonitoringTokenPurpose } from '../schema/index.js';

export type MonitoringToken = typeof monitoringTokens.$inferSelect;
export type MonitoringTokenInfo = Omit<MonitoringToken, 'tokenHash'>;

export async function createMonitoringToken(
  db: Database,
  values: typeof monitoringTokens.$inferInsert,
): Promise<MonitoringTokenInfo> {
  const [row] = await db.insert(monitoringTokens).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  const { tokenHash: _hash, ...info } = row;
  return info;
}

export async function listMonitoringTokens(db: Database): Promise<MonitoringTokenInfo[]> {
  const rows = await db.select().from(monitoringTokens).orderBy(desc(monitoringTokens.createdAt));
  return rows.map(({ tokenHash: _hash, ...info }) => info);
}

export async function revokeMonitoringToken(db: Database, id: string): Promise<boolean> {
  const rows = await db
    .update(monitoringTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(monitoringTokens.id, id), isNull(monitoringTokens.revokedAt)))
    .returning({ id: monitoringTokens.id });
  return rows.length > 0;
}

/** True when an unrevoked token with this hash exists for `purpose`; records its last use. */
export async function useMonitoringToken(
  db: Database,
  purpose: MonitoringTokenPurpose,
  tokenHash: string,
): Promise<boolean> {
  const rows = await db
    .update(monitoringTokens)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(monitoringTokens.tokenHash, tokenHash),
        eq(monitoringTokens.purpose, purpose),
        isNull(monitoringTokens.revokedAt),
      ),
    )
    .returning({ id: monitoringTokens.id });
  return rows.length > 0;
}
