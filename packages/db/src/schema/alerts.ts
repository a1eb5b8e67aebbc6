import { index, jsonb, pgEnum, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from './columns.js';

export const alertStatusEnum = pgEnum('alert_status', ['firing', 'resolved']);

/** One occurrence of an alert as Alertmanager reported it: fingerprint + start time. */
export const alerts = pgTable(
  'alerts',
  {
    id: id(),
    fingerprint: text().notNull(),
    alertname: text().notNull(),
    status: alertStatusEnum().notNull(),
    severity: text().notNull().default('warning'),
    labels: jsonb().$type<Record<string, string>>().notNull().default({}),
    annotations: jsonb().$type<Record<string, string>>().notNull().default({}),
    startsAt: timestampTz().notNull(),
    endsAt: timestampTz(),
    generatorUrl: text(),
    groupKey: text(),
    createdAt: createdAt(),
    updatedAt: timestampTz().notNull().defaultNow(),
  },
  (t) => [unique().on(t.fingerprint, t.startsAt), index().on(t.status, t.startsAt)],
);
