import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Database } from '../client.js';
import { sessions, users } from '../schema/index.js';
import { publicUserColumns, type PublicUser } from './users.js';

export async function createSession(
  db: Database,
  values: { tokenHash: string; userId: string; expiresAt: Date },
): Promise<void> {
  await db.insert(sessions).values(values);
}

/** The active (unexpired, not disabled) user behind a session token hash. */
export async function findSessionUser(
  db: Database,
  tokenHash: string,
): Promise<PublicUser | undefined> {
  const rows = await db
    .select(publicUserColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        gt(sessions.expiresAt, new Date()),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  return rows[0];
}

export async function deleteSession(db: Database, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteExpiredSessions(db: Database): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}
