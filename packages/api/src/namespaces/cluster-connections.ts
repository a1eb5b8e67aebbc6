import { findClusterAccess, type Database } from '@cachefleet/db';
import { Cluster } from 'ioredis';
import { appError } from '../errors.js';
import type { Sealer } from '../security/sealer.js';

interface Entry {
  fingerprint: string;
  client: Cluster;
}

/** One ioredis Cluster per cluster in this web process, replaced when its credential or nodes change. */
const connections = new Map<string, Entry>();
const readyTimeoutMs = 5_000;

function connect(
  nodes: { host: string; port: number }[],
  username: string,
  password: string,
): Cluster {
  const client = new Cluster(nodes, {
    redisOptions: { username, password, connectTimeout: readyTimeoutMs, maxRetriesPerRequest: 2 },
    slotsRefreshTimeout: 2_000,
    clusterRetryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  // Errors surface on the commands that hit them; the connection event must not crash the process.
  client.on('error', () => undefined);
  return client;
}

async function whenReady(client: Cluster): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error('cluster not ready within 5 s'));
    }, readyTimeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      client.off('ready', onReady);
    };
    client.on('ready', onReady);
  });
}

/**
 * The connected client of a cluster, with the cluster credential; E_NOT_READY while the cluster has
 * no nodes or credential, E_L2_UNAVAILABLE when it cannot be reached.
 */
export async function clusterClient(
  db: Database,
  sealer: Sealer,
  clusterId: string,
): Promise<Cluster> {
  const access = await findClusterAccess(db, clusterId);
  const sealed = access?.cluster.redisPasswordSealed;
  if (!access || !sealed || access.nodes.length === 0) {
    throw appError(
      'SERVICE_UNAVAILABLE',
      'E_NOT_READY',
      'the cluster has no nodes or credential yet',
    );
  }
  const nodes = access.nodes.map(({ host, port }) => ({ host, port }));
  const password = sealer.open(sealed);
  const fingerprint = JSON.stringify([access.cluster.redisUsername, password, nodes]);
  let entry = connections.get(clusterId);
  if (entry?.fingerprint !== fingerprint) {
    entry?.client.disconnect();
    entry = { fingerprint, client: connect(nodes, access.cluster.redisUsername, password) };
    connections.set(clusterId, entry);
  }
  try {
    await whenReady(entry.client);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw appError('SERVICE_UNAVAILABLE', 'E_L2_UNAVAILABLE', `cluster unreachable: ${message}`);
  }
  return entry.client;
}

/** Closes every cluster connection of this process (tests, shutdown). */
export function closeClusterConnections(): void {
  for (const entry of connections.values()) entry.client.disconnect();
  connections.clear();
}
