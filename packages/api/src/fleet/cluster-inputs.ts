import { z } from 'zod';

export const maxAgentsPerRequest = 1_000;

export const clusterName = z
  .string()
  .trim()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'lower-case letters, digits and dashes only' });

const agentIds = z
  .array(z.uuid())
  .min(1)
  .max(maxAgentsPerRequest)
  .refine((ids) => new Set(ids).size === ids.length, { error: 'an agent is listed twice' });

/** `maxmemory` as Redis takes it: bytes, or a number with a k/kb/m/mb/g/gb unit; 0 means no limit. */
export const maxmemory = z
  .string()
  .trim()
  .max(20)
  .regex(/^\d{1,15}(?:[kmg]b?)?$/i, { error: 'a size like 0, 1048576, 100mb or 2gb' });

export const maxmemoryPolicy = z.enum([
  'noeviction',
  'allkeys-lru',
  'allkeys-lfu',
  'allkeys-random',
  'volatile-lru',
  'volatile-lfu',
  'volatile-random',
  'volatile-ttl',
]);

export const createClusterInput = z.object({
  name: clusterName,
  agentIds,
  replicas: z.number().int().min(0).max(5).default(0),
  maxmemory: maxmemory.nullable().default(null),
  maxmemoryPolicy: maxmemoryPolicy.nullable().default(null),
});

export const planCreateInput = z.object({
  agentIds,
  replicas: z.number().int().min(0).max(5).default(0),
});

export const clusterIdInput = z.object({ clusterId: z.uuid() });

export const planRebalanceInput = z.object({
  clusterId: z.uuid(),
  addAgentIds: agentIds.optional(),
});

export const addNodesInput = z.object({
  clusterId: z.uuid(),
  agentIds,
  rebalance: z.boolean().default(true),
});

export const removeNodeInput = z.object({ nodeId: z.uuid() });

export const failoverInput = z.object({
  replicaNodeId: z.uuid(),
  /** When given, the replica must replicate exactly this primary. */
  primaryNodeId: z.uuid().optional(),
});

export const changeConfigInput = z
  .object({
    clusterId: z.uuid(),
    maxmemory: maxmemory.nullable(),
    maxmemoryPolicy: maxmemoryPolicy.nullable(),
  })
  .refine((v) => v.maxmemory !== null || v.maxmemoryPolicy !== null, {
    error: 'set maxmemory, maxmemoryPolicy or both',
  });
