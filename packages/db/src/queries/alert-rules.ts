import { asc, eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import { alertRules } from '../schema/index.js';

export type AlertRule = typeof alertRules.$inferSelect;
export type NewAlertRule = typeof alertRules.$inferInsert;

export async function listAlertRules(db: Database): Promise<AlertRule[]> {
  return db.select().from(alertRules).orderBy(asc(alertRules.createdAt), asc(alertRules.name));
}

export async function findAlertRule(db: Database, id: string): Promise<AlertRule | undefined> {
  const [row] = await db.select().from(alertRules).where(eq(alertRules.id, id)).limit(1);
  return row;
}

export async function insertAlertRule(db: Database, values: NewAlertRule): Promise<AlertRule> {
  const [row] = await db.insert(alertRules).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateAlertRule(
  db: Database,
  id: string,
  values: Partial<NewAlertRule>,
): Promise<AlertRule | undefined> {
  const [row] = await db
    .update(alertRules)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(alertRules.id, id))
    .returning();
  return row;
}

export async function deleteAlertRule(db: Database, id: string): Promise<boolean> {
  const rows = await db
    .delete(alertRules)
    .where(eq(alertRules.id, id))
    .returning({ id: alertRules.id });
  return rows.length > 0;
}

/** Inserts the rules whose pack key is not installed yet; returns how many were added. */
export async function installRulePack(db: Database, rules: NewAlertRule[]): Promise<number> {
  if (rules.length === 0) return 0;
  const rows = await db
    .insert(alertRules)
    .values(rules)
    .onConflictDoNothing()
    .returning({ id: alertRules.id });
  return rows.length;
}
