import { randomUUID } from 'node:crypto';
import { findClusterByName } from '@cachefleet/db';
import type { z } from 'zod';
import type { Context } from '../context.js';
import { appError } from '../errors.js';
import { requireSealer } from '../security/require-sealer.js';
import { generateSecret } from '../security/secrets.js';
import { requireIdleAgents } from './cluster-checks.js';
import type { createClusterInput } from './cluster-inputs.js';
import { launchOperation } from './launch.js';
import { minPrimaries, planCreateCluster } from './plan-create.js';

/**
 * The plan for a cluster from these agents (enough of them for the replicas asked, each idle and
 * ready); the console shows it before the operator confirms, and `createCluster` launches it.
 */
export async function planNewCluster(ctx: Context, agentIds: string[], replicas: number) {
  const needed = minPrimaries * (1 + replicas);
  if (agentIds.length < needed) {
    throw appError(
      'BAD_REQUEST',
      'E_TOO_FEW_AGENTS',
      `${replicas} replica(s) per primary need at least ${needed} agents ` +
        `(${minPrimaries} primaries); got ${agentIds.length}`,
    );
  }
  return planCreateCluster(await requireIdleAgents(ctx, agentIds), replicas);
}

/**
 * Creates a cluster from idle agents: checks everything first (secret key, name, agents idle and
 * ready, enough of them for the replicas asked), then writes the cluster with a fresh sealed Redis
 * password, its nodes and the create operation in one transaction.
 */
export async function createCluster(ctx: Context, input: z.output<typeof createClusterInput>) {
  const sealer = requireSealer(ctx);
  if (await findClusterByName(ctx.db, input.name)) {
    throw appError('CONFLICT', 'E_CLUSTER_NAME_TAKEN', `a cluster named ${input.name} exists`);
  }
  const plan = await planNewCluster(ctx, input.agentIds, input.replicas);
  const clusterId = randomUUID();
  return launchOperation(ctx, {
    clusterId,
    kind: 'create-cluster',
    params: { name: input.name, replicas: input.replicas, agentIds: input.agentIds },
    steps: plan.steps,
    newCluster: {
      id: clusterId,
      name: input.name,
      redisPasswordSealed: sealer.seal(generateSecret('cfr_')),
      maxmemory: input.maxmemory,
      maxmemoryPolicy: input.maxmemoryPolicy,
    },
    newNodes: plan.nodes.map((n) => ({
      id: n.nodeId,
      clusterId,
      agentId: n.agentId,
      role: n.role,
      host: n.host,
      port: n.port,
    })),
  });
}
