import {
  claimStep,
  findAgentMembership,
  reconcileTopology,
  reportStep,
  settleAbandonedCancels,
} from '@cachefleet/db';
import { appError } from '../errors.js';
import {
  claimStepInput,
  reportStepInput,
  reportTopologyInput,
} from '../fleet/agent-fleet-inputs.js';
import { defaultStepLeaseMs } from '../fleet/lease.js';
import { parseClusterInfo } from '../fleet/parse-cluster-info.js';
import { parseClusterNodes } from '../fleet/parse-cluster-nodes.js';
import { parseReplicationInfo } from '../fleet/parse-replication-info.js';
import { stepSpec } from '../fleet/step-spec.js';
import { requireSealer } from '../security/require-sealer.js';
import { agentProcedure, createTRPCRouter } from '../trpc.js';

/**
 * What agents call to take part in orchestration (see notes/fleet-contract.md): their desired
 * cluster membership and credential, topology reports, and claiming/reporting operation steps.
 * Telemetry-like calls, so not audited; operations are audited where they start and end.
 */
export const agentFleetRouter = createTRPCRouter({
  desiredState: agentProcedure.query(async ({ ctx }) => {
    const membership = await findAgentMembership(ctx.db, ctx.agent.id);
    if (!membership) return { cluster: null };
    const { cluster } = membership;
    if (!cluster.redisPasswordSealed) {
      throw appError('PRECONDITION_FAILED', 'E_CLUSTER_NO_CREDENTIAL', 'cluster has no credential');
    }
    return {
      cluster: {
        id: cluster.id,
        name: cluster.name,
        redisUsername: cluster.redisUsername,
        redisPassword: requireSealer(ctx).open(cluster.redisPasswordSealed),
        maxmemory: cluster.maxmemory,
        maxmemoryPolicy: cluster.maxmemoryPolicy,
      },
    };
  }),

  reportTopology: agentProcedure.input(reportTopologyInput).mutation(async ({ ctx, input }) => {
    const report = {
      nodes: parseClusterNodes(input.clusterNodes),
      info: parseClusterInfo(input.clusterInfo),
      replication:
        input.replicationInfo === undefined
          ? undefined
          : parseReplicationInfo(input.replicationInfo),
    };
    await reconcileTopology(ctx.db, ctx.agent.id, report);
    return { ok: true as const };
  }),

  claimStep: agentProcedure.input(claimStepInput).mutation(async ({ ctx, input }) => {
    await settleAbandonedCancels(ctx.db);
    const leaseMs = input.leaseMs ?? defaultStepLeaseMs;
    const claimed = await claimStep(ctx.db, ctx.agent.id, leaseMs);
    if (!claimed) return { step: null };
    const { step } = claimed;
    if (!claimed.redisPasswordSealed) {
      throw appError('PRECONDITION_FAILED', 'E_CLUSTER_NO_CREDENTIAL', 'cluster has no credential');
    }
    return {
      step: {
        id: step.id,
        operationId: step.operationId,
        attempt: step.attempt,
        leaseMs,
        spec: stepSpec.parse(step.spec),
        checkpoint: step.checkpoint ?? null,
        credentials: {
          username: claimed.redisUsername,
          password: requireSealer(ctx).open(claimed.redisPasswordSealed),
        },
      },
    };
  }),

  reportStep: agentProcedure.input(reportStepInput).mutation(async ({ ctx, input }) => {
    return reportStep(ctx.db, input);
  }),
});
