import { desc, eq, isNull, and } from 'drizzle-orm';
import type { Database } from '../client.js';
import { agents, enrollmentTokens } from '../schema/index.js';

export type EnrollmentToken = typeof enrollmentTokens.$inferSelect;
/** What the console may list: everything but the hash. */
export type EnrollmentTokenInfo = Omit<EnrollmentToken, 'tokenHash'>;

export async function createEnrollmentToken(
  db: Database,
  values: typeof enrollmentTokens.$inferInsert,
): Promise<EnrollmentTokenInfo> {
  const [row] = await db.insert(enrollmentTokens).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  const { tokenHash: _hash, ...info } = row;
  return info;
}

/** A listed token, with the name of the agent that used it (null while unused or once removed). */
export type EnrollmentTokenListing = EnrollmentTokenInfo & { usedByAgentName: string | null };

export async function listEnrollmentTokens(db: Database): Promise<EnrollmentTokenListing[]> {
  const rows = await db
    .select({ token: enrollmentTokens, usedByAgentName: agents.name })
    .from(enrollmentTokens)
    .leftJoin(agents, eq(agents.id, enrollmentTokens.usedByAgentId))
    .orderBy(desc(enrollmentTokens.createdAt));
  return rows.map(({ token: { tokenHash: _hash, ...info }, usedByAgentName }) => ({
    ...info,
    usedByAgentName,
  }));
}

export async function revokeEnrollmentToken(db: Database, id: string): Promise<boolean> {
  const rows = await db
    .update(enrollmentTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(enrollmentTokens.id, id), isNull(enrollmentTokens.revokedAt)))
    .returning({ id: enrollmentTokens.id });
  return rows.length > 0;
}

export type EnrollmentRefusal = 'unknown' | 'expired' | 'used' | 'revoked';

function refusalOf(token: EnrollmentToken | undefined, now: Date): EnrollmentRefusal | undefined {
  if (!token) return 'unknown';
  if (token.revokedAt) return 'revoked';
  if (token.usedAt) return 'used';
  if (token.expiresAt <= now) return 'expired';
  return undefined;
}

/** Why a token cannot be used now, or undefined when it can (e.g. to download the agent). */
export async function enrollmentTokenRefusal(
  db: Database,
  tokenHash: string,
): Promise<EnrollmentRefusal | undefined> {
  const [token] = await db
    .select()
    .from(enrollmentTokens)
    .where(eq(enrollmentTokens.tokenHash, tokenHash))
    .limit(1);
  return refusalOf(token, new Date());
}

export interface NewAgent {
  name: string;
  hostname: string;
  credentialHash: string;
}

/**
 * Spends a one-time enrollment token and creates the agent in one transaction: the row lock makes
 * two concurrent joins with the same token see it used, and a refused token creates nothing.
 */
export async function enrollAgent(
  db: Database,
  tokenHash: string,
  agent: NewAgent,
): Promise<{ ok: true; agentId: string } | { ok: false; reason: EnrollmentRefusal }> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const [token] = await tx
      .select()
      .from(enrollmentTokens)
      .where(eq(enrollmentTokens.tokenHash, tokenHash))
      .for('update');
    const reason = refusalOf(token, now);
    if (reason || !token) return { ok: false as const, reason: reason ?? 'unknown' };
    const [created] = await tx
      .insert(agents)
      .values({ ...agent, enrollmentTokenId: token.id })
      .returning({ id: agents.id });
    if (!created) throw new Error('insert returned no row');
    await tx
      .update(enrollmentTokens)
      .set({ usedAt: now, usedByAgentId: created.id })
      .where(eq(enrollmentTokens.id, token.id));
    return { ok: true as const, agentId: created.id };
  });
}
