import { integer, jsonb, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { agents } from './agents.js';
import { clusters } from './clusters.js';
import { createdAt, id, timestampTz } from './columns.js';

export const nodeRoleEnum = pgEnum('node_role', ['primary', 'replica']);

export type NodeHealth = 'ok' | 'pfail' | 'fail' | 'disconnected';

/** A slot left open by an interrupted migration (`[slot->-id]` / `[slot-<-id]` in CLUSTER NODES). */
export interface OpenSlot {
  slot: number;
  state: 'migrating' | 'importing';
  peerRedisId: string;
}

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
  /** The Redis node id of this replica's primary (as CLUSTER NODES names it). */
  replicaOf: text(),
  host: text().notNull(),
  port: integer().notNull(),
  health: text().$type<NodeHealth>().notNull().default('disconnected'),
  openSlots: jsonb().$type<OpenSlot[]>().notNull().default([]),
  lastSeenAt: timestampTz(),
  createdAt: createdAt(),
});
