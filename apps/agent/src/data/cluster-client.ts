// One ioredis Cluster client per cluster, authenticated as the cluster user (fleet credential).
import { BoundedCluster } from '@cachefleet/cache-core';
import type { Cluster } from 'ioredis';
import type { ClusterConfig } from './config-schema.js';

export function createClusterClient(cluster: ClusterConfig): Cluster {
  const client = new BoundedCluster(cluster.nodes, {
    redisOptions: {
      username: cluster.username,
      password: cluster.password,
      // A request fails fast (E_L2_UNAVAILABLE) instead of hanging while a node is down, or
      // while the Cluster reaches no node at all (see BoundedCluster).
      commandTimeout: 2_000,
      maxRetriesPerRequest: 2,
    },
    slotsRefreshTimeout: 2_000,
  });
  // Errors surface on commands; the connection's own events would otherwise crash the process.
  client.on('error', () => undefined);
  return client;
}

/** Identity of a cluster connection: a change in nodes or credential means a new client. */
export function clusterSignature(cluster: ClusterConfig | null): string {
  return cluster === null ? '' : JSON.stringify(cluster);
}
