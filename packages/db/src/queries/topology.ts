import { eq, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import {
  clusters,
  nodes,
  slotRanges,
  type ClusterInfoSummary,
  type NodeHealth,
  type NodeReplication,
  type OpenSlot,
} from '../schema/index.js';
import type { Tx } from './operation-steps.js';

/** One node as a reporting Redis sees it in CLUSTER NODES (parsed by the API). */
export interface ObservedNode {
  redisId: string;
  host: string;
  port: number;
  myself: boolean;
  role: 'primary' | 'replica';
  primaryId: string | null;
  health: NodeHealth;
  slots: { start: number; end: number }[];
  openSlots: OpenSlot[];
}

export interface TopologyReport {
  nodes: ObservedNode[];
  info: ClusterInfoSummary;
  /** The reporter's own replication; agents that predate it send none (stored as unknown). */
  replication?: NodeReplication | undefined;
}

type NodeRow = typeof nodes.$inferSelect;

/** Pairs observed nodes with model rows: by Redis id first, then by host:port (new or reset nodes). */
export function matchObserved(
  rows: NodeRow[],
  observed: ObservedNode[],
): [NodeRow, ObservedNode][] {
  const pairs: [NodeRow, ObservedNode][] = [];
  const used = new Set<string>();
  const take = (row: NodeRow | undefined, node: ObservedNode) => {
    if (!row || used.has(row.id)) return false;
    used.add(row.id);
    pairs.push([row, node]);
    return true;
  };
  const rest = observed.filter(
    (o) =>
      !take(
        rows.find((r) => r.redisNodeId === o.redisId),
        o,
      ),
  );
  // Live entries before failed ones, so a node's stale old id never wins over its current one.
  rest.sort((a, b) => Number(a.health === 'fail') - Number(b.health === 'fail'));
  for (const o of rest)
    take(
      rows.find((r) => r.host === o.host && r.port === o.port),
      o,
    );
  return pairs;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What the reporter says about itself beyond CLUSTER NODES: it was seen now, and its replication. */
function selfSeen(report: TopologyReport) {
  return { lastSeenAt: sql`now()`, replication: report.replication ?? null };
}

async function updateNode(
  tx: Tx,
  row: NodeRow,
  seen: ObservedNode,
  report: TopologyReport,
): Promise<void> {
  const next = {
    redisNodeId: seen.redisId,
    role: seen.role,
    replicaOf: seen.primaryId,
    health: seen.myself ? ('ok' as const) : seen.health,
    openSlots: seen.openSlots,
  };
  const current = {
    redisNodeId: row.redisNodeId,
    role: row.role,
    replicaOf: row.replicaOf,
    health: row.health,
    openSlots: row.openSlots,
  };
  if (!seen.myself && sameJson(next, current)) return;
  await tx
    .update(nodes)
    .set({ ...next, ...(seen.myself ? selfSeen(report) : {}) })
    .where(eq(nodes.id, row.id));
}

async function replaceSlotRanges(tx: Tx, clusterId: string, pairs: [NodeRow, ObservedNode][]) {
  const wanted = pairs
    .filter(([, seen]) => seen.role === 'primary')
    .flatMap(([row, seen]) => seen.slots.map((r) => ({ clusterId, nodeId: row.id, ...r })))
    .sort((a, b) => a.start - b.start);
  const stored = await tx
    .select({
      clusterId: slotRanges.clusterId,
      nodeId: slotRanges.nodeId,
      start: slotRanges.start,
      end: slotRanges.end,
    })
    .from(slotRanges)
    .where(eq(slotRanges.clusterId, clusterId))
    .orderBy(slotRanges.start);
  if (sameJson(stored, wanted)) return;
  await tx.delete(slotRanges).where(eq(slotRanges.clusterId, clusterId));
  if (wanted.length > 0) await tx.insert(slotRanges).values(wanted);
}

/**
 * Folds one node's view of its cluster into the model, in one short transaction. A view from an
 * older cluster epoch than the model has seen (a node that has not caught up, e.g. a restarted old
 * primary) only marks its reporter alive, so it cannot undo a failover the others already agree on.
 * Returns false when the agent runs no cluster node (an idle agent).
 */
export async function reconcileTopology(
  db: Database,
  agentId: string,
  report: TopologyReport,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [own] = await tx.select().from(nodes).where(eq(nodes.agentId, agentId)).limit(1);
    if (!own) return false;
    const [cluster] = await tx
      .select()
      .from(clusters)
      .where(eq(clusters.id, own.clusterId))
      .for('update');
    if (!cluster) return false;
    const stale = report.info.currentEpoch < (cluster.info?.currentEpoch ?? 0);
    const known = report.nodes.length > 1 || report.info.slotsAssigned > 0;
    if (stale || !known) {
      await tx.update(nodes).set(selfSeen(report)).where(eq(nodes.id, own.id));
      return true;
    }
    const rows = await tx.select().from(nodes).where(eq(nodes.clusterId, cluster.id));
    const pairs = matchObserved(rows, report.nodes);
    for (const [row, seen] of pairs) await updateNode(tx, row, seen, report);
    await replaceSlotRanges(tx, cluster.id, pairs);
    await tx
      .update(clusters)
      .set({ state: report.info.state, info: report.info, infoAt: sql`now()` })
      .where(eq(clusters.id, cluster.id));
    return true;
  });
}
