import { listClusters, listIdleAgents } from '@cachefleet/db';
import {
  addNodesInput,
  changeConfigInput,
  clusterIdInput,
  createClusterInput,
  failoverInput,
  planCreateInput,
  planRebalanceInput,
  removeNodeInput,
} from '../fleet/cluster-inputs.js';
import { requireClusterView } from '../fleet/cluster-checks.js';
import { createCluster, planNewCluster } from '../fleet/create-cluster.js';
import { changeConfig, failover, removeNode, repair } from '../fleet/node-operations.js';
import { addNodes, previewRebalance, rebalance } from '../fleet/scale-operations.js';
import { createTRPCRouter, operatorProcedure, viewerProcedure } from '../trpc.js';

/** Redis Clusters: their topology (viewers) and the operations that change them (operators). */
export const clustersRouter = createTRPCRouter({
  list: viewerProcedure.query(({ ctx }) => listClusters(ctx.db)),

  get: viewerProcedure.input(clusterIdInput).query(async ({ ctx, input }) => {
    const view = await requireClusterView(ctx, input.clusterId);
    return { ...view, idleAgents: await listIdleAgents(ctx.db) };
  }),

  /** Agents that run no node yet: the ones a new cluster or an add-nodes can take. */
  idleAgents: viewerProcedure.query(({ ctx }) => listIdleAgents(ctx.db)),

  /** The dry run of a create: which agent becomes a primary (with which slots) or a replica. */
  planCreate: viewerProcedure.input(planCreateInput).query(async ({ ctx, input }) => {
    const plan = await planNewCluster(ctx, input.agentIds, input.replicas);
    const assign = plan.steps.find((s) => s.kind === 'assign-slots');
    const slotsOf = (nodeId: string) =>
      assign?.kind === 'assign-slots'
        ? (assign.assignments.find((a) => a.node.nodeId === nodeId)?.ranges ?? [])
        : [];
    return {
      nodes: plan.nodes.map((n) => ({ ...n, slotRanges: slotsOf(n.nodeId) })),
      steps: plan.steps.map((s) => s.kind),
    };
  }),

  /** The dry run of a rebalance: which slots would move where. Changes nothing. */
  planRebalance: viewerProcedure.input(planRebalanceInput).query(async ({ ctx, input }) => {
    const { plan, added, newPrimaries } = await previewRebalance(
      ctx,
      input.clusterId,
      input.addAgentIds,
    );
    const agentOf = new Map<string, string | undefined>(
      newPrimaries.map((p, i) => [p.node.nodeId, added[i]?.agentId]),
    );
    const side = (n: { nodeId: string; host: string; port: number }) => ({
      ...n,
      newAgentId: agentOf.get(n.nodeId) ?? null,
    });
    return {
      moves: plan.moves.map((m) => ({ ...m, from: side(m.from), to: side(m.to) })),
      totalSlots: plan.totalSlots,
    };
  }),

  create: operatorProcedure
    .input(createClusterInput)
    .mutation(({ ctx, input }) => createCluster(ctx, input)),
  addNodes: operatorProcedure
    .input(addNodesInput)
    .mutation(({ ctx, input }) => addNodes(ctx, input)),
  rebalance: operatorProcedure
    .input(clusterIdInput)
    .mutation(({ ctx, input }) => rebalance(ctx, input.clusterId)),
  removeNode: operatorProcedure
    .input(removeNodeInput)
    .mutation(({ ctx, input }) => removeNode(ctx, input.nodeId)),
  failover: operatorProcedure
    .input(failoverInput)
    .mutation(({ ctx, input }) => failover(ctx, input)),
  repair: operatorProcedure
    .input(clusterIdInput)
    .mutation(({ ctx, input }) => repair(ctx, input.clusterId)),
  changeConfig: operatorProcedure
    .input(changeConfigInput)
    .mutation(({ ctx, input }) => changeConfig(ctx, input)),
});
