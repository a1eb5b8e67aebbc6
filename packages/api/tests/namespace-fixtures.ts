// Fixtures for namespace tests: an enrolled agent with a node in a cluster whose credential is sealed.
import { clusters, nodes, recordHeartbeat } from '@cachefleet/db';
import { startRedisCluster, type TestRedisCluster } from '@cachefleet/testing';
import { Cluster, Redis } from 'ioredis';
import { createSealer } from '../src/security/sealer.js';
import { testSecretKey, type Caller, type Harness } from './harness.js';

export const sealer = createSealer(testSecretKey);

export interface FixtureAgent {
  agentId: string;
  caller: Caller;
}

/** Enrolls an agent that reports the given data-API and Redis ports on 127.0.0.1. */
export async function enrollAgent(
  h: Harness,
  name: string,
  ports: { agentPort: number; redisPort: number },
): Promise<FixtureAgent> {
  const { token } = await h.as.admin.enrollment.create({});
  const joined = await h.anonymous.agent.join({ token, name, hostname: `${name}.local` });
  await recordHeartbeat(h.client.db, joined.agentId, {
    address: '127.0.0.1',
    ...ports,
    version: '0.1.0',
    redisVersion: '7.0.0',
    redisUp: true,
    stats: null,
  });
  return { agentId: joined.agentId, caller: await h.asBearer(joined.credential) };
}

/** A cluster row with a sealed credential, and a node row per given agent. */
export async function createCluster(
  h: Harness,
  name: string,
  members: { agentId: string; host: string; port: number }[],
  credential = { username: 'cachefleet', password: `pw-${name}` },
): Promise<string> {
  const [cluster] = await h.client.db
    .insert(clusters)
    .values({
      name,
      redisUsername: credential.username,
      redisPasswordSealed: sealer.seal(credential.password),
    })
    .returning({ id: clusters.id });
  if (!cluster) throw new Error('no cluster row');
  for (const m of members) {
    await h.client.db.insert(nodes).values({ clusterId: cluster.id, ...m });
  }
  return cluster.id;
}

export interface ClusterFixture {
  clusterId: string;
  redis: TestRedisCluster;
  credential: { username: string; password: string };
  /** A client connected as the cluster user, for checking what is in Redis. */
  client: Cluster;
  stop(): Promise<void>;
}

/** A real 3-primary Redis Cluster with the cluster user applied on every node, and its db rows. */
export async function startClusterFixture(h: Harness, name: string): Promise<ClusterFixture> {
  const redis = await startRedisCluster(3);
  const credential = { username: 'cachefleet', password: `pw-${name}-${Date.now()}` };
  for (const node of redis.nodes) {
    const admin = new Redis({ host: node.host, port: node.port });
    await admin.call(
      'ACL',
      'SETUSER',
      credential.username,
      'on',
      `>${credential.password}`,
      '~*',
      '&*',
      '+@all',
    );
    admin.disconnect();
  }
  const members = [];
  for (const [i, node] of redis.nodes.entries()) {
    const agent = await enrollAgent(h, `${name}-${i}`, {
      agentPort: 9200 + i,
      redisPort: node.port,
    });
    members.push({ agentId: agent.agentId, host: node.host, port: node.port });
  }
  const clusterId = await createCluster(h, name, members, credential);
  const client = new Cluster(redis.startupNodes, { redisOptions: credential });
  return {
    clusterId,
    redis,
    credential,
    client,
    async stop() {
      client.disconnect();
      await redis.stop();
    },
  };
}
