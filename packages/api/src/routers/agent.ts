import {
  countAgentNodes,
  deleteAgent,
  enrollAgent,
  recordHeartbeat,
  type EnrollmentRefusal,
} from '@cachefleet/db';
import { audit } from '../audit.js';
import { appError } from '../errors.js';
import { generateSecret, hashSecret, secretPrefix } from '../security/secrets.js';
import { agentProcedure, createTRPCRouter, publicProcedure } from '../trpc.js';
import { deregisterInput, heartbeatInput, joinInput } from './agent-inputs.js';

export { heartbeatInput, joinInput } from './agent-inputs.js';

export const heartbeatIntervalMs = 5_000;

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
    const upgradeTo = await recordHeartbeat(ctx.db, ctx.agent.id, input);
    if (ctx.agent.lastHeartbeatAt && ctx.agent.redisUp !== input.redisUp) {
      const action = input.redisUp ? 'agent.redis_up' : 'agent.redis_down';
      await audit(ctx, { action, targetType: 'agent', targetId: ctx.agent.id });
    }
    return { heartbeatIntervalMs, upgradeTo };
  }),

  /** Whether this agent's host still takes part in a cluster (uninstall refuses then). */
  membership: agentProcedure.query(async ({ ctx }) => {
    const nodes = await countAgentNodes(ctx.db, ctx.agent.id);
    return { nodes, ownsSlots: nodes > 0 };
  }),

  /** The agent leaves the fleet: its row (and its nodes, with force) are removed. */
  deregister: agentProcedure.input(deregisterInput).mutation(async ({ ctx, input }) => {
    const nodes = await countAgentNodes(ctx.db, ctx.agent.id);
    if (nodes > 0 && !input.force) {
      throw appError(
        'PRECONDITION_FAILED',
        'E_AGENT_OWNS_SLOTS',
        `this agent still runs ${nodes} cluster node(s); drain it first or force`,
      );
    }
    await deleteAgent(ctx.db, ctx.agent.id);
    await audit(ctx, {
      action: 'agent.deregister',
      targetType: 'agent',
      targetId: ctx.agent.id,
      details: { name: ctx.agent.name, reason: input.reason, force: input.force, nodes },
    });
    return { ok: true };
  }),
});
