import { findAgentsWithNodes, loadClusterModel } from '@cachefleet/db';
import type { Context } from '../context.js';
import { appError } from '../errors.js';
import { clusterView, type ClusterView } from './cluster-view.js';
import type { CandidateAgent } from './plan-create.js';
import type { PrimarySlots } from './plan-rebalance.js';

/** The cluster's topology view, or E_CLUSTER_NOT_FOUND. */
export async function requireClusterView(ctx: Context, clusterId: string): Promise<ClusterView> {
  const model = await loadClusterModel(ctx.db, clusterId);
  if (!model) throw appError('NOT_FOUND', 'E_CLUSTER_NOT_FOUND', 'no such cluster');
  return clusterView(model, new Date());
}

/** Slot moves need every node reachable: a failed one can neither give nor take slots. */
export function assertNoFailedNode(view: ClusterView): void {
  const failed = view.nodes.filter((n) => n.health === 'fail' || n.health === 'pfail');
  if (failed.length === 0) return;
  const names = failed.map((n) => `${n.agentName} (${n.health})`).join(', ');
  throw appError(
    'PRECONDITION_FAILED',
    'E_CLUSTER_DEGRADED',
    `the cluster has failed nodes: ${names}; repair it or remove them first`,
  );
}

export function primarySlotsOf(view: ClusterView): PrimarySlots[] {
  return view.primaries.map((p) => ({
    node: { nodeId: p.id, host: p.host, port: p.port },
    ranges: p.slotRanges,
  }));
}

/** Agents that exist, run no cluster node yet, and have reported where their Redis listens. */
export async function requireIdleAgents(ctx: Context, ids: string[]): Promise<CandidateAgent[]> {
  const found = await findAgentsWithNodes(ctx.db, ids);
  const missing = ids.filter((id) => !found.some((a) => a.id === id));
  if (missing.length > 0) {
    throw appError('NOT_FOUND', 'E_AGENT_NOT_FOUND', `no such agent: ${missing.join(', ')}`);
  }
  const taken = found.filter((a) => a.nodeId !== null);
  if (taken.length > 0) {
    const names = taken.map((a) => a.name).join(', ');
    throw appError('CONFLICT', 'E_AGENT_IN_CLUSTER', `already in a cluster: ${names}`);
  }
  const unready = found.filter((a) => !a.address || !a.redisPort);
  if (unready.length > 0) {
    const names = unready.map((a) => a.name).join(', ');
    throw appError(
      'PRECONDITION_FAILED',
      'E_AGENT_NOT_READY',
      `these agents have not reported their Redis address yet: ${names}`,
    );
  }
  return ids.map((id) => {
    const a = found.find((f) => f.id === id);
    return { agentId: id, host: a?.address ?? '', port: a?.redisPort ?? 0 };
  });
}
