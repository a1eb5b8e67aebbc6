import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clusters } from './clusters.js';
import { createdAt, id } from './columns.js';
import { dataSources } from './data-sources.js';

export type NamespaceWriteMode = 'write-through' | 'write-behind' | 'cache-aside';

/** A namespace's caching policy (data contract); times are seconds, sizes bytes. */
export interface NamespacePolicy {
  writeMode: NamespaceWriteMode;
  ttlSeconds: number;
  softTtlSeconds: number | null;
  jitter: number;
  negativeTtlSeconds: number | null;
  l1MaxEntries: number;
  l1MaxBytes: number;
  maxKeyBytes: number;
  maxValueBytes: number;
  tagsEnabled: boolean;
}

/** Where in its data source a namespace's rows live. */
export interface NamespaceSourceMapping {
  table: string;
  keyColumn: string;
  valueColumn: string;
  versionColumn: string;
  valueType: 'jsonb' | 'bytea';
}

/**
 * A cache namespace: its keys live in one cluster's Redis under `cf:<name>:`, optionally backed by a
 * table of a data source (none for cache-aside). `revision` grows with every change so agents and
 * the gateway rebuild their cache for it.
 */
export const namespaces = pgTable('namespaces', {
  id: id(),
  name: text().notNull().unique(),
  clusterId: uuid()
    .notNull()
    .references(() => clusters.id, { onDelete: 'cascade' }),
  dataSourceId: uuid().references(() => dataSources.id, { onDelete: 'restrict' }),
  source: jsonb().$type<NamespaceSourceMapping>(),
  policy: jsonb().$type<NamespacePolicy>().notNull(),
  revision: integer().notNull().default(1),
  createdAt: createdAt(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
