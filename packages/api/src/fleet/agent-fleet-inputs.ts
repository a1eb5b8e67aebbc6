import { z } from 'zod';

const maxCheckpointBytes = 64 * 1024;

export const reportTopologyInput = z.object({
  myId: z.string().min(1).max(64),
  clusterNodes: z.string().max(256 * 1024),
  clusterInfo: z.string().max(16 * 1024),
  /** `INFO replication` of the reporter's Redis; agents before it leave it out. */
  replicationInfo: z
    .string()
    .max(16 * 1024)
    .optional(),
});

export const claimStepInput = z
  .object({
    /** Tests shorten the lease to exercise re-claims; agents leave it to the 15 s default. */
    leaseMs: z.number().int().min(500).max(120_000).optional(),
  })
  .default({});

export const reportStepInput = z.object({
  stepId: z.uuid(),
  attempt: z.number().int().min(1).max(1_000_000),
  status: z.enum(['running', 'succeeded', 'failed']),
  progress: z.number().min(0).max(1),
  checkpoint: z
    .json()
    .refine((v) => JSON.stringify(v).length <= maxCheckpointBytes, {
      error: 'checkpoint must be at most 64 KiB of JSON',
    })
    .optional(),
  log: z.array(z.string().max(500)).max(50).optional(),
  error: z.string().max(2_000).optional(),
});
