import { pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.js';

/**
 * A PostgreSQL database namespaces read through and write to. The connection string is sealed with
 * the console's secret key (agents need it in clear); only `redacted` (user@host:port/db) is shown.
 */
export const dataSources = pgTable('data_sources', {
  id: id(),
  name: text().notNull().unique(),
  connectionSealed: text().notNull(),
  redacted: text().notNull(),
  createdAt: createdAt(),
});
