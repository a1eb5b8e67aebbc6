import { asc, count, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../client.js';
import { agents, clusters, nodes, slotRanges } from '../schema/index.js';

export type Cluster = typeof clusters.$inferSelect;
export type ClusterNode = typeof nodes.$inferSelect;
export type SlotRangeRow = typeof slotRanges.$inferSelect;

/** A cluster as the model holds it: its nodes (with their agent's name) and the primaries' slots. */
export interface ClusterModel {
  cluster: Cluster;
  nodes: (ClusterNode & { agentName: string })[];
  slotRanges: SlotRangeRow[];
}

export async function listClusters(db: Database) {
  const rows = await db.select().from(clusters).orderBy(asc(clusters.createdAt));
  const counts = await db
    .select({ clusterId: nodes.clusterId, role: nodes.role, n: count() })
    .from(nodes)
    .groupBy(nodes.clusterId, nodes.role);
  return rows.map(({ redisPasswordSealed: _sealed, ...cluster }) => {
    const of = (role: 'primary' | 'replica') =>
      counts.find((c) => c.clusterId === cluster.id && c.role === role)?.n ?? 0;
    return { ...cluster, primaries: of('primary'), replicas: of('replica') };
  });
}

export async function findCluster(db: Database, id: string): Promise<Cluster | undefined> {
  const [row] = await db.select().from(clusters).where(eq(clusters.id, id)).limit(1);
  return row;
}

export async function findClusterByName(db: Database, name: string): Promise<Cluster | undefined> {
  const [row] = await db.select().from(clusters).where(eq(clusters.name, name)).limit(1);
  return row;
}

export async function loadClusterModel(
  db: Database,
  id: string,
): Promise<ClusterModel | undefined> {
  const cluster = await findCluster(db, id);
  if (!cluster) return undefined;
  const rows = await db
    .select({ node: nodes, agentName: agents.name })
    .from(nodes)
    .innerJoin(agents, eq(agents.id, nodes.agentId))
    .where(eq(nodes.clusterId, id))
    .orderBy(asc(nodes.createdAt), asc(nodes.id));
  const ranges = await db
    .select()
    .from(slotRanges)
    .where(eq(slotRanges.clusterId, id))
    .orderBy(asc(slotRanges.start));
  return {
    cluster,
    nodes: rows.map(({ node, agentName }) => ({ ...node, agentName })),
    slotRanges: ranges,
  };
}

export async function findNode(db: Database, id: string): Promise<ClusterNode | undefined> {
  const [row] = await db.select().from(nodes).where(eq(nodes.id, id)).limit(1);
  return row;
}

/** The node an agent runs and its cluster, or undefined while the agent is idle. */
export async function findAgentMembership(db: Database, agentId: string) {
  const [row] = await db
    .select({ node: nodes, cluster: clusters })
    .from(nodes)
    .innerJoin(clusters, eq(clusters.id, nodes.clusterId))
    .where(eq(nodes.agentId, agentId))
    .limit(1);
  return row;
}

/** Agents that run no cluster node, with where their Redis listens. */
export async function listIdleAgents(db: Database) {
  const rows = await db
    .select({ agent: agents })
    .from(agents)
    .leftJoin(nodes, eq(nodes.agentId, agents.id))
    .where(isNull(nodes.id))
    .orderBy(asc(agents.createdAt));
  return rows.map(({ agent: { credentialHash: _hash, ...info } }) => info);
}

/** The given agents (without credentials), with the node each already runs, if any. */
export async function findAgentsWithNodes(db: Database, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ agent: agents, nodeId: nodes.id })
    .from(agents)
    .leftJoin(nodes, eq(nodes.agentId, agents.id))
    .where(inArray(agents.id, ids));
  return rows.map(({ agent: { credentialHash: _hash, ...info }, nodeId }) => ({ ...info, nodeId }));
}
