import { pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from './columns.js';
import { users } from './users.js';

/** What a monitoring token lets its bearer do: read HTTP SD targets, or post Alertmanager alerts. */
export const monitoringTokenPurposes = ['scrape', 'alert_webhook'] as const;
export type MonitoringTokenPurpose = (typeof monitoringTokenPurposes)[number];
export const monitoringTokenPurposeEnum = pgEnum(
  'monitoring_token_purpose',
  monitoringTokenPurposes,
);

/** Bearer tokens for Prometheus and Alertmanager; only the SHA-256 of the secret is stored. */
export const monitoringTokens = pgTable('monitoring_tokens', {
  id: id(),
  purpose: monitoringTokenPurposeEnum().notNull(),
  tokenHash: text().notNull().unique(),
  prefix: text().notNull(),
  note: text().notNull().default(''),
  createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  lastUsedAt: timestampTz(),
  revokedAt: timestampTz(),
});
