// Replication and cluster state read at scrape time: INFO replication and INFO cluster, plus
// CLUSTER INFO and CLUSTER NODES when this Redis runs in cluster mode.
import { parseInfo } from '../redis/info.js';
import { readClusterInfo, type ClusterInfo } from './cluster-info.js';
import { createScrapeSampler, type ScrapeSampler } from './info-sampler.js';
import { readReplicationInfo, type ReplicationInfo } from './replication-info.js';

/** Sends one command to the supervised Redis (an ioredis client or the agent's probe). */
export interface RedisCommands {
  call(command: string, ...args: string[]): Promise<unknown>;
}

export interface RedisTopology {
  replication: ReplicationInfo;
  /** Null when the server runs without cluster-enabled. */
  cluster: ClusterInfo | null;
}

export type TopologySampler = ScrapeSampler<RedisTopology>;

async function text(redis: RedisCommands, command: string, ...args: string[]): Promise<string> {
  const reply = await redis.call(command, ...args);
  if (typeof reply === 'string') return reply;
  if (Buffer.isBuffer(reply)) return reply.toString('utf8');
  throw new Error(`unexpected reply to ${command} ${args.join(' ')}`);
}

export async function readTopology(redis: RedisCommands): Promise<RedisTopology> {
  const [replication, clusterSection] = await Promise.all([
    text(redis, 'INFO', 'replication'),
    text(redis, 'INFO', 'cluster'),
  ]);
  if (parseInfo(clusterSection).get('cluster_enabled') !== '1') {
    return { replication: readReplicationInfo(replication), cluster: null };
  }
  const [clusterInfo, clusterNodes] = await Promise.all([
    text(redis, 'CLUSTER', 'INFO'),
    text(redis, 'CLUSTER', 'NODES'),
  ]);
  return {
    replication: readReplicationInfo(replication),
    cluster: readClusterInfo(clusterInfo, clusterNodes),
  };
}

export function createTopologySampler(redis: RedisCommands): TopologySampler {
  return createScrapeSampler(() => readTopology(redis));
}
