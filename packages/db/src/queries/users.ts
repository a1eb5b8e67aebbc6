import { count, eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import { sessions, users, type Role } from '../schema/index.js';

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
/** What may leave the database layer: never the password hash. */
export type PublicUser = Omit<User, 'passwordHash'>;

/** The columns of a user that may leave the database layer. */
export const publicUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  createdAt: users.createdAt,
  disabledAt: users.disabledAt,
};

export async function findUserByEmail(db: Database, email: string): Promise<User | undefined> {
  const rows = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return rows[0];
}

export async function createUser(db: Database, user: NewUser): Promise<PublicUser> {
  const rows = await db.insert(users).values(user).returning(publicUserColumns);
  const created = rows[0];
  if (!created) throw new Error('insert returned no row');
  return created;
}

/** Inserts the user only if no user exists yet (first start); returns undefined otherwise. */
export async function createFirstUser(
  db: Database,
  user: NewUser,
): Promise<PublicUser | undefined> {
  return db.transaction(async (tx) => {
    await tx.execute('LOCK TABLE users IN EXCLUSIVE MODE');
    const [row] = await tx.select({ n: count() }).from(users);
    if ((row?.n ?? 0) > 0) return undefined;
    const [created] = await tx.insert(users).values(user).returning(publicUserColumns);
    return created;
  });
}

export async function listUsers(db: Database): Promise<PublicUser[]> {
  return db.select(publicUserColumns).from(users).orderBy(users.createdAt);
}

export async function setUserRole(
  db: Database,
  id: string,
  role: Role,
): Promise<PublicUser | undefined> {
  const rows = await db
    .update(users)
    .set({ role })
    .where(eq(users.id, id))
    .returning(publicUserColumns);
  return rows[0];
}

/** Replaces a user's password hash and ends their sessions; false when no such user. */
export async function setUserPassword(
  db: Database,
  email: string,
  passwordHash: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.email, email))
      .returning({ id: users.id });
    const user = rows[0];
    if (!user) return false;
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    return true;
  });
}
