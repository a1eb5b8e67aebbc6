import type { ClusterModel } from '@cachefleet/db';
import { isSyncingReplica, replicaLagBytes, type TopologyHealth } from './replication-health.js';
import { countSlots } from './slot-math.js';
import { slotCount } from './step-spec.js';

/** A node not heard from for this long is shown disconnected, whatever it said last. */
export const nodeSilenceMs = 10_000;

type ModelNode = ClusterModel['nodes'][number];

function effectiveHealth(node: ModelNode, now: Date): TopologyHealth {
  if (node.health !== 'ok') return node.health;
  const seen = node.lastSeenAt?.getTime() ?? 0;
  if (now.getTime() - seen > nodeSilenceMs) return 'disconnected';
  return isSyncingReplica(node.role, node.replication) ? 'syncing' : 'ok';
}

/**
 * Whether `node` replicates the primary whose Redis node id is `primaryId`. Both ids are null
 * until the nodes have joined (a pending cluster), and null matches nothing: otherwise every
 * pending replica would be listed under every pending primary.
 */
function replicates(node: { role: string; replicaOf: string | null }, primaryId: string | null) {
  return node.role === 'replica' && primaryId !== null && node.replicaOf === primaryId;
}

/** A replica's offset lag as its primary last reported it; null for primaries or when unknown. */
function lagOf(node: ModelNode, model: ClusterModel): number | null {
  if (node.role !== 'replica') return null;
  const primary = model.nodes.find((n) => replicates(node, n.redisNodeId));
  return replicaLagBytes(node, primary?.replication);
}

/**
 * The topology as the console shows it: primaries with their slot ranges and replicas, each node
 * with its role and health; replicas whose primary the model does not know are listed apart.
 */
export function clusterView(model: ClusterModel, now: Date) {
  const nodes = model.nodes.map((node) => {
    const ranges = model.slotRanges
      .filter((r) => r.nodeId === node.id)
      .map(({ start, end }) => ({ start, end }));
    return {
      id: node.id,
      agentId: node.agentId,
      agentName: node.agentName,
      redisNodeId: node.redisNodeId,
      role: node.role,
      replicaOf: node.replicaOf,
      host: node.host,
      port: node.port,
      health: effectiveHealth(node, now),
      replicationLagBytes: lagOf(node, model),
      openSlots: node.openSlots,
      lastSeenAt: node.lastSeenAt,
      slotRanges: ranges,
      slotCount: countSlots(ranges),
    };
  });
  const primaries = nodes
    .filter((n) => n.role === 'primary')
    .map((p) => ({
      ...p,
      replicas: nodes.filter((r) => replicates(r, p.redisNodeId)),
    }))
    // In slot order, as a slot map reads; primaries without slots last.
    .sort((a, b) => (a.slotRanges[0]?.start ?? slotCount) - (b.slotRanges[0]?.start ?? slotCount));
  const attached = new Set(primaries.flatMap((p) => p.replicas.map((r) => r.id)));
  const { redisPasswordSealed: _sealed, ...cluster } = model.cluster;
  return {
    cluster,
    primaries,
    unattachedReplicas: nodes.filter((n) => n.role === 'replica' && !attached.has(n.id)),
    nodes,
    slotsCovered: nodes.reduce((sum, n) => sum + (n.role === 'primary' ? n.slotCount : 0), 0),
    openSlots: nodes.flatMap((n) => n.openSlots.map((o) => ({ nodeId: n.id, ...o }))),
  };
}

export type ClusterView = ReturnType<typeof clusterView>;
