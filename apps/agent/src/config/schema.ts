import { z } from 'zod';

/** Same rule the control plane applies to agent names (agent.join input). */
export const agentNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;

export const maxmemoryPolicies = [
  'noeviction',
  'allkeys-lru',
  'allkeys-lfu',
  'allkeys-random',
  'volatile-lru',
  'volatile-lfu',
  'volatile-random',
  'volatile-ttl',
] as const;

const port = z.number().int().min(0).max(65535);

export const redisSettingsSchema = z.object({
  /** 0 picks a free loopback port each time the agent starts. */
  port,
  /** Redis memory syntax: bytes, or a number with k/kb/m/mb/g/gb. */
  maxmemory: z.string().regex(/^\d+(?:[kmg]b?)?$/i, { error: 'e.g. 256mb, 2gb or 1048576' }),
  maxmemoryPolicy: z.enum(maxmemoryPolicies),
  password: z.string().min(16),
});

export const agentConfigSchema = z.object({
  consoleUrl: z.url({ protocol: /^https?$/ }),
  agentId: z.string().min(1),
  credential: z.string().min(1),
  name: z.string().max(63).regex(agentNamePattern),
  dataDir: z.string().min(1),
  /** The address the control plane, Prometheus and peers use to reach this host. */
  advertiseHost: z.string().min(1),
  /** Where the agent's HTTP server (/healthz, /readyz, /metrics) listens. */
  listenHost: z.string().min(1),
  /** 0 picks a free port each time the agent starts. */
  agentPort: port,
  redis: redisSettingsSchema,
});

export type AgentConfig = z.infer<typeof agentConfigSchema>;
export type RedisSettings = z.infer<typeof redisSettingsSchema>;
export type MaxmemoryPolicy = (typeof maxmemoryPolicies)[number];
