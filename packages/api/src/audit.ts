import { writeAudit } from '@cachefleet/db';
import type { Context } from './context.js';

export interface AuditRecord {
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/** Writes who did what from the calling context: user, agent or system. */
export async function audit(ctx: Context, record: AuditRecord): Promise<void> {
  const actor = ctx.user
    ? { actorType: 'user' as const, actorId: ctx.user.id, actorLabel: ctx.user.email }
    : ctx.agent
      ? { actorType: 'agent' as const, actorId: ctx.agent.id, actorLabel: ctx.agent.name }
      : {
          actorType: 'system' as const,
          actorId: null,
          actorLabel: ctx.systemActor ?? ctx.clientIp ?? 'anonymous',
        };
  await writeAudit(ctx.db, {
    ...actor,
    action: record.action,
    targetType: record.targetType ?? null,
    targetId: record.targetId ?? null,
    details: { ...record.details, ...(ctx.clientIp ? { ip: ctx.clientIp } : {}) },
  });
}
