import {
  boolean,
  doublePrecision,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
} from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from './columns.js';

export const alertSeverities = ['critical', 'warning', 'info'] as const;
export type AlertSeverity = (typeof alertSeverities)[number];
export const alertSeverityEnum = pgEnum('alert_severity', alertSeverities);

export const alertComparators = ['>', '>=', '<', '<=', '==', '!='] as const;
export type AlertComparator = (typeof alertComparators)[number];

/**
 * An alerting rule as the console edits it: a named metric from the catalogue (or, for
 * `custom`, a PromQL expression checked by promtool), a comparison and a `for` duration.
 * The Prometheus expression is built from these fields when the rules file is rendered.
 */
export const alertRules = pgTable('alert_rules', {
  id: id(),
  name: text().notNull().unique(),
  metric: text().notNull(),
  expression: text(),
  comparator: text().$type<AlertComparator>().notNull(),
  threshold: doublePrecision().notNull(),
  forSeconds: integer().notNull().default(60),
  severity: alertSeverityEnum().notNull().default('warning'),
  labels: jsonb().$type<Record<string, string>>().notNull().default({}),
  summary: text().notNull().default(''),
  enabled: boolean().notNull().default(true),
  /** Set for rules installed by the default pack, so it is installed once and never again. */
  packKey: text().unique(),
  createdAt: createdAt(),
  updatedAt: timestampTz().notNull().defaultNow(),
});
