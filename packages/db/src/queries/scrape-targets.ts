import { asc, eq, isNotNull, and } from 'drizzle-orm';
import type { Database } from '../client.js';
import { agents, clusters, nodes } from '../schema/index.js';

export interface ScrapeTarget {
  agentId: string;
  name: string;
  address: string;
  agentPort: number;
  cluster: string | null;
}

/** Every agent that has told us where it serves /metrics, with its cluster when it has one. */
export async function listScrapeTargets(db: Database): Promise<ScrapeTarget[]> {
  const rows = await db
    .select({
      agentId: agents.id,
      name: agents.name,
      address: agents.address,
      agentPort: agents.agentPort,
      cluster: clusters.name,
    })
    .from(agents)
    .leftJoin(nodes, eq(nodes.agentId, agents.id))
    .leftJoin(clusters, eq(clusters.id, nodes.clusterId))
    .where(and(isNotNull(agents.address), isNotNull(agents.agentPort)))
    .orderBy(asc(agents.createdAt));
  return rows.flatMap((row) =>
    row.address !== null && row.agentPort !== null
      ? [{ ...row, address: row.address, agentPort: row.agentPort }]
      : [],
  );
}
