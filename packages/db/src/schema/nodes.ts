import { integer, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { agents } from './agents.js';
import { clusters } from './clusters.js';
import { createdAt, id } from './columns.js';

export const nodeRoleEnum = pgEnum('node_role', ['primary', 'replica']);

/** A Redis server of a cluster, run by one agent. */
export const nodes = pgTable('nodes', {
  id: id(),
  clusterId: uuid()
    .notNull()
    .references(() => clusters.id, { onDelete: 'cascade' }),
  agentId: uuid()
    .notNull()
    .unique()
    .references(() => agents.id, { onDelete: 'cascade' }),
  redisNodeId: text(),
  role: nodeRoleEnum().notNull().default('primary'),
  replicaOf: text(),
  host: text().notNull(),
  port: integer().notNull(),
  createdAt: createdAt(),
});
