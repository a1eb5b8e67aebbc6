import { jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from './columns.js';
import { users } from './users.js';

export interface ApiKeyScope {
  namespace: string;
  permission: 'read' | 'read-write';
}

/** A service's credential (`cfk_…`): only its SHA-256 is stored, scoped to namespaces. */
export const apiKeys = pgTable('api_keys', {
  id: id(),
  name: text().notNull(),
  secretHash: text().notNull().unique(),
  secretPrefix: text().notNull(),
  scopes: jsonb().$type<ApiKeyScope[]>().notNull(),
  createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  lastUsedAt: timestampTz(),
  revokedAt: timestampTz(),
});
