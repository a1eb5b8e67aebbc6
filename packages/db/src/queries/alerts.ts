import { and, count, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Database } from '../client.js';
import { alerts } from '../schema/index.js';

export type StoredAlert = typeof alerts.$inferSelect;
export type ReceivedAlert = Omit<typeof alerts.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

/** Records alerts from one Alertmanager notification, all or none. */
export async function recordAlerts(db: Database, received: ReceivedAlert[]): Promise<void> {
  if (received.length === 0) return;
  await db.transaction(async (tx) => {
    for (const alert of received) {
      await tx
        .insert(alerts)
        .values(alert)
        .onConflictDoUpdate({
          target: [alerts.fingerprint, alerts.startsAt],
          set: {
            status: alert.status,
            endsAt: alert.endsAt,
            labels: alert.labels,
            annotations: alert.annotations,
            groupKey: alert.groupKey,
            updatedAt: new Date(),
          },
        });
    }
  });
}

export async function listAlerts(
  db: Database,
  options: { status?: 'firing' | 'resolved' | undefined; limit: number; before?: Date | undefined },
): Promise<StoredAlert[]> {
  const filters: SQL[] = [];
  if (options.status) filters.push(eq(alerts.status, options.status));
  if (options.before) filters.push(lt(alerts.startsAt, options.before));
  return db
    .select()
    .from(alerts)
    .where(and(...filters))
    .orderBy(desc(alerts.startsAt))
    .limit(options.limit);
}

export async function countFiringAlerts(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(alerts).where(eq(alerts.status, 'firing'));
  return row?.n ?? 0;
}
