import { asc, eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import { notificationChannels } from '../schema/index.js';

export type NotificationChannel = typeof notificationChannels.$inferSelect;
export type NewNotificationChannel = typeof notificationChannels.$inferInsert;

export async function listNotificationChannels(db: Database): Promise<NotificationChannel[]> {
  return db.select().from(notificationChannels).orderBy(asc(notificationChannels.createdAt));
}

export async function findNotificationChannel(
  db: Database,
  id: string,
): Promise<NotificationChannel | undefined> {
  const [row] = await db
    .select()
    .from(notificationChannels)
    .where(eq(notificationChannels.id, id))
    .limit(1);
  return row;
}

export async function insertNotificationChannel(
  db: Database,
  values: NewNotificationChannel,
): Promise<NotificationChannel> {
  const [row] = await db.insert(notificationChannels).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function deleteNotificationChannel(db: Database, id: string): Promise<boolean> {
  const rows = await db
    .delete(notificationChannels)
    .where(eq(notificationChannels.id, id))
    .returning({ id: notificationChannels.id });
  return rows.length > 0;
}

export async function recordChannelDelivery(
  db: Database,
  id: string,
  error: string | null,
): Promise<void> {
  await db
    .update(notificationChannels)
    .set({ lastDeliveryAt: new Date(), lastError: error })
    .where(eq(notificationChannels.id, id));
}
