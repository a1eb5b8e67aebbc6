import { boolean, jsonb, pgTable, real, text, uuid, index } from 'drizzle-orm/pg-core';
import { clusters } from './clusters.js';
import { createdAt, id, timestampTz } from './columns.js';

export type OperationStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type OperationKind =
  | 'create-cluster'
  | 'add-nodes'
  | 'rebalance'
  | 'remove-node'
  | 'failover'
  | 'repair'
  | 'change-config';

/** A durable orchestration job on one cluster: ordered steps that agents claim and execute. */
export const operations = pgTable(
  'operations',
  {
    id: id(),
    clusterId: uuid()
      .notNull()
      .references(() => clusters.id, { onDelete: 'cascade' }),
    kind: text().$type<OperationKind>().notNull(),
    status: text().$type<OperationStatus>().notNull().default('pending'),
    params: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    progress: real().notNull().default(0),
    error: text(),
    /** Who started it, as the audit log names them. */
    createdBy: text().notNull(),
    cancelRequested: boolean().notNull().default(false),
    createdAt: createdAt(),
    startedAt: timestampTz(),
    finishedAt: timestampTz(),
  },
  (t) => [index().on(t.clusterId, t.createdAt)],
);
