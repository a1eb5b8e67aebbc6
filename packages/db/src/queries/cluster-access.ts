import { asc, eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import { agents, clusters, nodes } from '../schema/index.js';

/** A cluster with its nodes' Redis addresses and their agents' data-API endpoints. */
export interface ClusterAccess {
  cluster: typeof clusters.$inferSelect;
  nodes: {
    host: string;
    port: number;
    agentAddress: string | null;
    agentPort: number | null;
    lastHeartbeatAt: Date | null;
  }[];
}

export async function findClusterAccess(
  db: Database,
  clusterId: string,
): Promise<ClusterAccess | undefined> {
  const [cluster] = await db.select().from(clusters).where(eq(clusters.id, clusterId)).limit(1);
  if (!cluster) return undefined;
  const rows = await db
    .select({
      host: nodes.host,
      port: nodes.port,
      agentAddress: agents.address,
      agentPort: agents.agentPort,
      lastHeartbeatAt: agents.lastHeartbeatAt,
    })
    .from(nodes)
    .innerJoin(agents, eq(agents.id, nodes.agentId))
    .where(eq(nodes.clusterId, clusterId))
    .orderBy(asc(nodes.createdAt));
  return { cluster, nodes: rows };
}

/** The cluster this agent's node belongs to, if it has one. */
export async function findAgentClusterId(
  db: Database,
  agentId: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ clusterId: nodes.clusterId })
    .from(nodes)
    .where(eq(nodes.agentId, agentId))
    .limit(1);
  return row?.clusterId;
}
