import { listScrapeTargets, type Database } from '@cachefleet/db';

/** One Prometheus HTTP SD target group. */
export interface TargetGroup {
  targets: string[];
  labels: Record<string, string>;
}

/** An IPv6 literal needs brackets before `:port`. */
function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/**
 * The HTTP SD document: one group per agent, labelled with its node name, id and cluster, so a
 * relabel-free scrape config already yields `node`, `agent_id` and `cluster` on every series.
 */
export async function prometheusTargets(db: Database): Promise<TargetGroup[]> {
  const targets = await listScrapeTargets(db);
  return targets.map((target) => ({
    targets: [hostPort(target.address, target.agentPort)],
    labels: {
      node: target.name,
      agent_id: target.agentId,
      ...(target.cluster ? { cluster: target.cluster } : {}),
    },
  }));
}
