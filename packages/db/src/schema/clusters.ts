import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from './columns.js';

/** What the cluster last said about itself in `CLUSTER INFO` (via one of its agents). */
export interface ClusterInfoSummary {
  state: 'ok' | 'fail';
  slotsAssigned: number;
  slotsOk: number;
  slotsPfail: number;
  slotsFail: number;
  knownNodes: number;
  size: number;
  currentEpoch: number;
}

/**
 * A Redis Cluster. Its nodes share one Redis ACL user (`redisUsername`) for clients, replication
 * (`masteruser`/`masterauth`) and orchestration; the password is sealed with the console's secret key
 * and handed to the cluster's agents only.
 */
export const clusters = pgTable('clusters', {
  id: id(),
  name: text().notNull().unique(),
  /** pending until Redis first reports the cluster, then ok / fail from CLUSTER INFO. */
  state: text().$type<'pending' | 'ok' | 'fail'>().notNull().default('pending'),
  redisUsername: text().notNull().default('cachefleet'),
  redisPasswordSealed: text(),
  /** Desired memory settings, applied by every agent and by config-change operations. */
  maxmemory: text(),
  maxmemoryPolicy: text(),
  info: jsonb().$type<ClusterInfoSummary>(),
  infoAt: timestampTz(),
  createdAt: createdAt(),
});
