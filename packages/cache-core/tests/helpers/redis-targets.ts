import { Cluster, Redis } from 'ioredis';
import {
  startRedis,
  startRedisCluster,
  type TestRedis,
  type TestRedisCluster,
} from '@cachefleet/testing';
import type { RedisClient } from '../../src/index.js';

export type TargetKind = 'single' | 'cluster';

/** A running Redis (single or cluster) that hands out fresh clients and stops everything at the end. */
export interface RedisTarget {
  kind: TargetKind;
  client(): RedisClient;
  stop(): Promise<void>;
  server?: TestRedis;
  cluster?: TestRedisCluster;
}

export async function startTarget(kind: TargetKind, replicas = 0): Promise<RedisTarget> {
  const clients: RedisClient[] = [];
  const track = (client: RedisClient): RedisClient => {
    client.on('error', () => undefined);
    clients.push(client);
    return client;
  };
  const stopClients = (): void => {
    for (const client of clients) client.disconnect();
  };
  if (kind === 'single') {
    const server = await startRedis();
    return {
      kind,
      server,
      client: () =>
        track(new Redis({ port: server.port, host: server.host, enableAutoPipelining: true })),
      stop: async () => {
        stopClients();
        await server.stop();
      },
    };
  }
  const cluster = await startRedisCluster(3, replicas);
  return {
    kind,
    cluster,
    client: () => track(new Cluster(cluster.startupNodes, { enableAutoPipelining: true })),
    stop: async () => {
      stopClients();
      await cluster.stop();
    },
  };
}
