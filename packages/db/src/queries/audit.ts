import { desc, lt } from 'drizzle-orm';
import type { Database } from '../client.js';
import { auditLog } from '../schema/index.js';

export type AuditEntry = typeof auditLog.$inferSelect;
export type NewAuditEntry = typeof auditLog.$inferInsert;

export async function writeAudit(db: Database, entry: NewAuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry);
}

/** Newest first, keyset-paged by id. */
export async function listAudit(
  db: Database,
  options: { limit: number; beforeId?: number | undefined },
): Promise<AuditEntry[]> {
  const query = db.select().from(auditLog);
  const filtered =
    options.beforeId === undefined ? query : query.where(lt(auditLog.id, options.beforeId));
  return filtered.orderBy(desc(auditLog.id)).limit(options.limit);
}
