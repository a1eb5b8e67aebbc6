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

/** A replica as its primary lists it in INFO replication (`slaveN:ip=…,port=…,state=…,offset=…`). */
export interface AttachedReplica {
  host: string;
  port: number;
  /** wait_bgsave, send_bulk, online… as Redis says it. */
  state: string;
  /** How many bytes of the primary's replication stream it has not acknowledged. */
  lagBytes: number;
}

/**
 * A node's replication as its own Redis sees it (INFO replication), from its own agent's report.
 * Only the node itself knows whether its first sync finished: peers' CLUSTER NODES do not say.
 */
export interface NodeReplication {
  role: 'primary' | 'replica';
  /** Replicas: the link to the primary is up (null on a primary). */
  masterLinkUp: boolean | null;
  /** Replicas: a full sync from the primary is under way. */
  syncInProgress: boolean;
  /** Replicas: the link was up at least once since this Redis started. */
  linkedSinceStart: boolean;
  /** Primaries: their connected replicas. */
  replicas: AttachedReplica[];
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
  /** Null until the node's agent reports it (agents before this field never do). */
  replication: jsonb().$type<NodeReplication>(),
  lastSeenAt: timestampTz(),
  createdAt: createdAt(),
});
