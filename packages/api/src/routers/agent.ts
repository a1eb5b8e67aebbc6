import { enrollAgent, recordHeartbeat, type EnrollmentRefusal } from '@cachefleet/db';
import { z } from 'zod';
import { audit } from '../audit.js';
import { appError } from '../errors.js';
import { generateSecret, hashSecret, secretPrefix } from '../security/secrets.js';
import { agentProcedure, createTRPCRouter, publicProcedure } from '../trpc.js';

export const heartbeatIntervalMs = 5_000;

const name = z
  .string()
  .trim()
  .min(1)
  .max(63)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/, {
    error: 'letters, digits, dot, dash and underscore only',
  });

export const joinInput = z.object({
  token: z.string().min(1).max(200),
  name,
  hostname: z.string().trim().min(1).max(253),
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
});

const refusals: Record<EnrollmentRefusal, [string, string]> = {
  unknown: ['E_ENROLLMENT_TOKEN_UNKNOWN', 'enrollment token not recognised'],
  expired: ['E_ENROLLMENT_TOKEN_EXPIRED', 'enrollment token has expired; create a new one'],
  used: ['E_ENROLLMENT_TOKEN_USED', 'enrollment token was already used; tokens are single-use'],
  revoked: ['E_ENROLLMENT_TOKEN_REVOKED', 'enrollment token was revoked'],
};

export const agentRouter = createTRPCRouter({
  /** Trades a one-time enrollment token for this agent's own credential (returned once). */
  join: publicProcedure.input(joinInput).mutation(async ({ ctx, input }) => {
    const credential = generateSecret('cfa_');
    const result = await enrollAgent(ctx.db, hashSecret(input.token), {
      name: input.name,
      hostname: input.hostname,
      credentialHash: hashSecret(credential),
    });
    if (!result.ok) {
      const [appCode, message] = refusals[result.reason];
      await audit(ctx, { action: 'agent.join_refused', details: { reason: result.reason } });
      throw appError('UNAUTHORIZED', appCode, message);
    }
    const details = { name: input.name, token: secretPrefix(input.token) };
    await audit(ctx, {
      action: 'agent.join',
      targetType: 'agent',
      targetId: result.agentId,
      details,
    });
    return { agentId: result.agentId, credential, heartbeatIntervalMs };
  }),

  /** Telemetry: audited only when Redis changes between up and down, not on every beat. */
  heartbeat: agentProcedure.input(heartbeatInput).mutation(async ({ ctx, input }) => {
    await recordHeartbeat(ctx.db, ctx.agent.id, input);
    if (ctx.agent.lastHeartbeatAt && ctx.agent.redisUp !== input.redisUp) {
      const action = input.redisUp ? 'agent.redis_up' : 'agent.redis_down';
      await audit(ctx, { action, targetType: 'agent', targetId: ctx.agent.id });
    }
    return { heartbeatIntervalMs };
  }),
});
