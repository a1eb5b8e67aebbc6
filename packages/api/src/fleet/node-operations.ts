import { findNode } from '@cachefleet/db';
import type { z } from 'zod';
import type { Context } from '../context.js';
import { appError } from '../errors.js';
import { assertNoFailedNode, primarySlotsOf, requireClusterView } from './cluster-checks.js';
import type { changeConfigInput, failoverInput } from './cluster-inputs.js';
import type { ClusterView } from './cluster-view.js';
import { launchOperation } from './launch.js';
import { planRebalance } from './plan-rebalance.js';
import { migrateSteps } from './scale-operations.js';
import type { NodeRef, StepSpec } from './step-spec.js';

type ViewNode = ClusterView['nodes'][number];
const refOf = (n: ViewNode): NodeRef => ({ nodeId: n.id, host: n.host, port: n.port });

async function requireNode(ctx: Context, nodeId: string) {
  const node = await findNode(ctx.db, nodeId);
  if (!node) throw appError('NOT_FOUND', 'E_NODE_NOT_FOUND', 'no such cluster node');
  const view = await requireClusterView(ctx, node.clusterId);
  const viewNode = view.nodes.find((n) => n.id === nodeId);
  if (!viewNode) throw appError('NOT_FOUND', 'E_NODE_NOT_FOUND', 'no such cluster node');
  return { view, node: viewNode };
}

/** Steps that move a primary's slots away evenly and re-point its replicas to other primaries. */
function drainSteps(view: ClusterView, node: ViewNode): StepSpec[] {
  const plan = planRebalance(primarySlotsOf(view), new Set([node.id]));
  const others = view.primaries.filter((p) => p.id !== node.id);
  const load = new Map(others.map((p) => [p.id, p.replicas.length]));
  const orphans = view.primaries.find((p) => p.id === node.id)?.replicas ?? [];
  const repoint = orphans.map((replica): StepSpec => {
    const target = [...others].sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0))[0];
    if (!target) throw new Error('a drained primary needs another primary');
    load.set(target.id, (load.get(target.id) ?? 0) + 1);
    return { kind: 'replicate', replica: refOf(replica), primary: refOf(target) };
  });
  return [...migrateSteps(plan), ...repoint];
}

/** Drains (for a primary) and forgets a node; refuses to remove the last primary. */
export async function removeNode(ctx: Context, nodeId: string) {
  const { view, node } = await requireNode(ctx, nodeId);
  const isPrimary = node.role === 'primary';
  if (isPrimary && view.primaries.length <= 1) {
    throw appError('PRECONDITION_FAILED', 'E_LAST_PRIMARY', 'the last primary cannot be removed');
  }
  if (isPrimary) assertNoFailedNode(view);
  const others = view.nodes.filter((n) => n.id !== node.id).map(refOf);
  const steps: StepSpec[] = [
    ...(isPrimary ? drainSteps(view, node) : []),
    { kind: 'forget-node', node: refOf(node), others },
    { kind: 'await-cluster-ok', nodes: others },
  ];
  return launchOperation(ctx, {
    clusterId: view.cluster.id,
    kind: 'remove-node',
    params: { nodeId, role: node.role, slots: node.slotCount },
    steps,
  });
}

/** A manual failover: the replica takes over from the primary it replicates. */
export async function failover(ctx: Context, input: z.output<typeof failoverInput>) {
  const { view, node } = await requireNode(ctx, input.replicaNodeId);
  const primary = view.primaries.find((p) => p.replicas.some((r) => r.id === node.id));
  if (
    node.role !== 'replica' ||
    !primary ||
    (input.primaryNodeId && primary.id !== input.primaryNodeId)
  ) {
    throw appError(
      'PRECONDITION_FAILED',
      'E_NOT_A_REPLICA',
      input.primaryNodeId
        ? 'that node is not a replica of the given primary'
        : 'that node is not a replica of a known primary',
    );
  }
  if (node.health === 'syncing') {
    // Redis would wait for the offsets to match, which a replica without its first sync never does.
    throw appError(
      'PRECONDITION_FAILED',
      'E_REPLICA_SYNCING',
      'that replica has not finished its first sync with its primary; it cannot take over yet',
    );
  }
  return launchOperation(ctx, {
    clusterId: view.cluster.id,
    kind: 'failover',
    params: { replicaNodeId: node.id, primaryNodeId: primary.id },
    steps: [{ kind: 'failover', replica: refOf(node), primary: refOf(primary) }],
  });
}

/** Closes open slots and covers uncovered ones, on every node that is not failed. */
export async function repair(ctx: Context, clusterId: string) {
  const view = await requireClusterView(ctx, clusterId);
  const reachable = view.nodes.filter((n) => n.health !== 'fail').map(refOf);
  if (reachable.length === 0) {
    throw appError('PRECONDITION_FAILED', 'E_CLUSTER_UNREACHABLE', 'no node of it is reachable');
  }
  return launchOperation(ctx, {
    clusterId,
    kind: 'repair',
    params: { openSlots: view.openSlots.length, slotsCovered: view.slotsCovered },
    steps: [
      { kind: 'repair-slots', nodes: reachable },
      { kind: 'await-cluster-ok', nodes: reachable },
    ],
  });
}

/** A rolling config change, one node per step (replicas first); the cluster keeps it once done. */
export async function changeConfig(ctx: Context, input: z.output<typeof changeConfigInput>) {
  const view = await requireClusterView(ctx, input.clusterId);
  const ordered = [...view.nodes].sort(
    (a, b) => Number(a.role === 'primary') - Number(b.role === 'primary'),
  );
  return launchOperation(ctx, {
    clusterId: input.clusterId,
    kind: 'change-config',
    params: { maxmemory: input.maxmemory, maxmemoryPolicy: input.maxmemoryPolicy },
    steps: ordered.map((n) => ({
      kind: 'apply-config',
      node: refOf(n),
      maxmemory: input.maxmemory,
      maxmemoryPolicy: input.maxmemoryPolicy,
    })),
  });
}
