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

/** One of the agent's recent warn/error log lines, as it sent them with a heartbeat. */
export interface AgentLogLine {
  time: string;
  level: 'warn' | 'error';
  msg: string;
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
  /** The version an operator asked this agent to upgrade to; cleared once it reports it. */
  desiredVersion: text(),
  /** The agent's last warn/error log lines (bounded by the heartbeat input). */
  recentLogs: jsonb().$type<AgentLogLine[]>().notNull().default([]),
  createdAt: createdAt(),
});
