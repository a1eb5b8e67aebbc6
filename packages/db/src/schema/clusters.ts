import { pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.js';

/**
 * A Redis Cluster. Its nodes share one Redis ACL user (`redisUsername`) for clients, replication
 * (`masteruser`/`masterauth`) and orchestration; the password is sealed with the console's secret key
 * and handed to the cluster's agents only.
 */
export const clusters = pgTable('clusters', {
  id: id(),
  name: text().notNull().unique(),
  state: text().notNull().default('pending'),
  redisUsername: text().notNull().default('cachefleet'),
  redisPasswordSealed: text(),
  createdAt: createdAt(),
});
