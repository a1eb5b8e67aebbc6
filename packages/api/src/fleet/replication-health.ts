import type { NodeHealth, NodeReplication } from '@cachefleet/db';

/**
 * A node's health as the console shows it: what CLUSTER NODES says (`NodeHealth`), plus
 * `syncing` for a replica that its peers see as fine but that has not finished its first sync
 * with its primary (or is in a full resync), so it could not take over yet.
 */
export type TopologyHealth = NodeHealth | 'syncing';

/** Whether a replica's own report says it is not (yet) a usable copy of its primary. */
export function isSyncingReplica(
  role: 'primary' | 'replica',
  replication: NodeReplication | null,
): boolean {
  if (role !== 'replica' || replication?.role !== 'replica') return false;
  if (replication.masterLinkUp) return false;
  return replication.syncInProgress || !replication.linkedSinceStart;
}

/** How many bytes of its primary's stream a replica has not acknowledged, as the primary says. */
export function replicaLagBytes(
  replica: { host: string; port: number },
  primaryReplication: NodeReplication | null | undefined,
): number | null {
  const listed = primaryReplication?.replicas.find(
    (r) => r.host === replica.host && r.port === replica.port,
  );
  return listed && listed.state === 'online' ? listed.lagBytes : null;
}
