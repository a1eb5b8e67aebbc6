import { boolean, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from './columns.js';
import { enrollmentTokens } from './enrollment-tokens.js';

/** Stats an agent reports with each heartbeat (from Redis INFO). */
export interface AgentStats {
  usedMemoryBytes: number;
  maxMemoryBytes: number;
  opsPerSec: number;
  connectedClients: number;
  uptimeSeconds: number;
  keys: number;
}

export const agents = pgTable('agents', {
  id: id(),
  name: text().notNull(),
  hostname: text().notNull(),
  credentialHash: text().notNull().unique(),
  enrollmentTokenId: uuid().references(() => enrollmentTokens.id, { onDelete: 'set null' }),
  address: text(),
  agentPort: integer(),
  redisPort: integer(),
  version: text(),
  redisVersion: text(),
  redisUp: boolean().notNull().default(false),
  stats: jsonb().$type<AgentStats>(),
  lastHeartbeatAt: timestampTz(),
  createdAt: createdAt(),
});
