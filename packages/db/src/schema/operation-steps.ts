import { integer, jsonb, pgTable, real, text, unique, uuid } from 'drizzle-orm/pg-core';
import { agents } from './agents.js';
import { id, timestampTz } from './columns.js';
import { operations } from './operations.js';

export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** One step of an operation; `spec` is a StepSpec (validated by packages/api/src/fleet/step-spec.ts). */
export const operationSteps = pgTable(
  'operation_steps',
  {
    id: id(),
    operationId: uuid()
      .notNull()
      .references(() => operations.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    kind: text().notNull(),
    spec: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text().$type<StepStatus>().notNull().default('pending'),
    progress: real().notNull().default(0),
    checkpoint: jsonb().$type<unknown>(),
    log: jsonb().$type<string[]>().notNull().default([]),
    error: text(),
    attempt: integer().notNull().default(0),
    leaseOwner: uuid().references(() => agents.id, { onDelete: 'set null' }),
    leaseExpiresAt: timestampTz(),
    /** The lease length it was claimed with; each report renews it by as much. */
    leaseMs: integer().notNull().default(15_000),
    startedAt: timestampTz(),
    finishedAt: timestampTz(),
  },
  (t) => [unique().on(t.operationId, t.position)],
);
