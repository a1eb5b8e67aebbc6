import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Context } from '../context.js';
import { appError } from '../errors.js';
import {
  assertNoFailedNode,
  primarySlotsOf,
  requireClusterView,
  requireIdleAgents,
} from './cluster-checks.js';
import type { addNodesInput } from './cluster-inputs.js';
import type { ClusterView } from './cluster-view.js';
import { launchOperation } from './launch.js';
import { planRebalance, type RebalancePlan } from './plan-rebalance.js';
import type { NodeRef, StepSpec } from './step-spec.js';

/** Keys moved per MIGRATE call. */
export const migrateBatchKeys = 100;

export function refsOf(view: ClusterView): NodeRef[] {
  return view.nodes.map(({ id, host, port }) => ({ nodeId: id, host, port }));
}

export function migrateSteps(plan: RebalancePlan): StepSpec[] {
  return plan.moves.map((m) => ({
    kind: 'migrate-slots',
    from: m.from,
    to: m.to,
    ranges: m.ranges,
    batchKeys: migrateBatchKeys,
  }));
}

/** The dry run: which slots would move where (optionally after adding idle agents as primaries). */
export async function previewRebalance(ctx: Context, clusterId: string, addAgentIds?: string[]) {
  const view = await requireClusterView(ctx, clusterId);
  const added = addAgentIds ? await requireIdleAgents(ctx, addAgentIds) : [];
  const newPrimaries = added.map((a) => ({
    node: { nodeId: randomUUID(), host: a.host, port: a.port },
    ranges: [],
  }));
  const plan = planRebalance([...primarySlotsOf(view), ...newPrimaries]);
  return { view, added, newPrimaries, plan };
}

export async function rebalance(ctx: Context, clusterId: string) {
  const { view, plan } = await previewRebalance(ctx, clusterId);
  assertNoFailedNode(view);
  if (plan.totalSlots === 0) {
    throw appError('PRECONDITION_FAILED', 'E_ALREADY_BALANCED', 'no slot needs to move');
  }
  return launchOperation(ctx, {
    clusterId,
    kind: 'rebalance',
    params: { slots: plan.totalSlots, moves: plan.moves.length },
    steps: [...migrateSteps(plan), { kind: 'await-cluster-ok', nodes: refsOf(view) }],
  });
}

/** Joins idle agents as new (empty) primaries, then optionally moves the minimum slots to them. */
export async function addNodes(ctx: Context, input: z.output<typeof addNodesInput>) {
  const { view, added, newPrimaries, plan } = await previewRebalance(
    ctx,
    input.clusterId,
    input.agentIds,
  );
  assertNoFailedNode(view);
  const fresh = newPrimaries.map((p) => p.node);
  const all = [...refsOf(view), ...fresh];
  const steps: StepSpec[] = [
    { kind: 'await-nodes', nodes: fresh },
    { kind: 'meet', nodes: all },
    { kind: 'await-cluster-ok', nodes: all },
    ...(input.rebalance ? migrateSteps(plan) : []),
    ...(input.rebalance ? [{ kind: 'await-cluster-ok' as const, nodes: all }] : []),
  ];
  return launchOperation(ctx, {
    clusterId: input.clusterId,
    kind: 'add-nodes',
    params: { agentIds: input.agentIds, rebalance: input.rebalance, slots: plan.totalSlots },
    steps,
    newNodes: added.map((a, i) => ({
      id: fresh[i]?.nodeId ?? randomUUID(),
      clusterId: input.clusterId,
      agentId: a.agentId,
      role: 'primary' as const,
      host: a.host,
      port: a.port,
    })),
  });
}
