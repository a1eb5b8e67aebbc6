import { boolean, jsonb, pgEnum, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from './columns.js';

export const channelKinds = ['webhook', 'slack', 'email'] as const;
export type ChannelKind = (typeof channelKinds)[number];
export const channelKindEnum = pgEnum('channel_kind', channelKinds);

/** Where a channel delivers: a URL (webhook, Slack-compatible) or an SMTP server and recipients. */
export interface ChannelTarget {
  url?: string;
  smtpUrl?: string;
  from?: string;
  to?: string[];
}

/**
 * A destination for alert notifications. `signingSecret` signs generic webhook bodies
 * (HMAC-SHA256); it is kept in clear because signing needs it, and shown only at creation.
 */
export const notificationChannels = pgTable('notification_channels', {
  id: id(),
  name: text().notNull().unique(),
  kind: channelKindEnum().notNull(),
  target: jsonb().$type<ChannelTarget>().notNull(),
  signingSecret: text(),
  minSeverity: text().notNull().default('info'),
  enabled: boolean().notNull().default(true),
  lastDeliveryAt: timestampTz(),
  lastError: text(),
  createdAt: createdAt(),
});
