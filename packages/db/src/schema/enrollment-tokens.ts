import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from './columns.js';
import { users } from './users.js';

/** One-time tokens that let a host join; only the SHA-256 of the secret is stored. */
export const enrollmentTokens = pgTable('enrollment_tokens', {
  id: id(),
  tokenHash: text().notNull().unique(),
  prefix: text().notNull(),
  note: text().notNull().default(''),
  createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  expiresAt: timestampTz().notNull(),
  usedAt: timestampTz(),
  usedByAgentId: uuid(),
  revokedAt: timestampTz(),
});
