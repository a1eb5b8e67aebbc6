import { bigint, index, jsonb, pgEnum, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

export const actorTypeEnum = pgEnum('actor_type', ['user', 'agent', 'api_key', 'system']);

/** Every mutation leaves a row here: who, what, on which target, and whether it succeeded. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: createdAt(),
    actorType: actorTypeEnum().notNull(),
    actorId: text(),
    actorLabel: text().notNull(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index().on(t.at)],
);
