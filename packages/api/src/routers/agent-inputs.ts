import { z } from 'zod';

export const agentName = z
  .string()
  .trim()
  .min(1)
  .max(63)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/, {
    error: 'letters, digits, dot, dash and underscore only',
  });

export const joinInput = z.object({
  token: z.string().min(1).max(200),
  name: agentName,
  hostname: z.string().trim().min(1).max(253),
});

/** How many recent warn/error lines an agent may send, and how long each may be. */
export const maxRecentLogLines = 50;

const logLine = z.object({
  time: z.string().max(40),
  level: z.enum(['warn', 'error']),
  msg: z.string().max(2_000),
});

export const heartbeatInput = z.object({
  address: z.string().min(1).max(253),
  agentPort: z.number().int().min(1).max(65535),
  redisPort: z.number().int().min(1).max(65535).nullable(),
  version: z.string().min(1).max(64),
  redisVersion: z.string().max(64).nullable(),
  redisUp: z.boolean(),
  stats: z
    .object({
      usedMemoryBytes: z.number().nonnegative(),
      maxMemoryBytes: z.number().nonnegative(),
      opsPerSec: z.number().nonnegative(),
      connectedClients: z.number().int().nonnegative(),
      uptimeSeconds: z.number().nonnegative(),
      keys: z.number().int().nonnegative(),
    })
    .nullable(),
  /** The agent's most recent warn/error lines, newest last; absent from older agents. */
  recentLogs: z.array(logLine).max(maxRecentLogLines).optional(),
});

export const deregisterInput = z.object({
  /** Leave even though the node still runs cluster nodes (owns slots). */
  force: z.boolean().default(false),
  reason: z.string().trim().max(200).default('uninstall'),
});
