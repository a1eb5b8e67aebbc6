import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { startRedis, type TestRedis } from './redis-server.js';

const run = promisify(execFile);

export interface TestRedisCluster {
  nodes: TestRedis[];
  /** Seed addresses for an ioredis Cluster client. */
  startupNodes: { host: string; port: number }[];
  stop(): Promise<void>;
}

/** Polls CLUSTER INFO on every node until all report cluster_state:ok. */
export async function waitForClusterOk(nodes: TestRedis[], timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const node of nodes) {
    const client = new Redis({ port: node.port, host: node.host, maxRetriesPerRequest: 1 });
    try {
      for (;;) {
        const info = await client.cluster('INFO');
        if (info.includes('cluster_state:ok')) break;
        if (Date.now() > deadline) throw new Error(`cluster not ok on port ${node.port}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      client.disconnect();
    }
  }
}

/** Starts a real Redis Cluster (primaries × (1 + replicas) servers) on free loopback ports. */
export async function startRedisCluster(primaries = 3, replicas = 0): Promise<TestRedisCluster> {
  const count = primaries * (1 + replicas);
  const nodes = await Promise.all(
    Array.from({ length: count }, () => startRedis({ cluster: true })),
  );
  const addresses = nodes.map((n) => `${n.host}:${n.port}`);
  await run('redis-cli', [
    '--cluster',
    'create',
    ...addresses,
    '--cluster-replicas',
    String(replicas),
    '--cluster-yes',
  ]);
  await waitForClusterOk(nodes);
  return {
    nodes,
    startupNodes: nodes.map((n) => ({ host: n.host, port: n.port })),
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
}
