// The direct-mode unit stack: a control plane, a real 3-primary Redis Cluster with the cluster user
// and the API keys' ACL users, a PostgreSQL table, and one stand-in agent behind a dead one (so
// every data API call also exercises failover).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Cluster } from 'ioredis';
import { createCache, type Cache } from '@cachefleet/cache-core';
import type { NamespacePolicy } from '@cachefleet/db';
import {
  freePort,
  startRedisCluster,
  type TestDatabase,
  type TestRedisCluster,
} from '@cachefleet/testing';
import { startControlPlane, type TestControlPlane } from './control-plane.js';
import { seedApiKey, seedCluster, seedNamespace, seedNodes, type SeededKey } from './fleet.js';
import { startStandInAgent, type StandInAgent } from './stand-in-agent.js';

export interface DirectStack {
  controlPlane: TestControlPlane;
  redis: TestRedisCluster;
  agent: StandInAgent;
  /** The namespace's table, for checks on the source of truth. */
  pool: pg.Pool;
  table: string;
  namespace: string;
  keys: { readWrite: SeededKey; readOnly: SeededKey; otherScope: SeededKey; ghost: SeededKey };
  /** The value of a key's row in the namespace's table, if there is one. */
  row(key: string): Promise<unknown>;
  /** What L2 holds for a key, read as the cluster user through cache-core. */
  inspectL2(key: string): ReturnType<Cache<unknown>['inspect']>;
  stop(): Promise<void>;
}

export async function startDirectStack(
  kind: TestDatabase['kind'],
  policy: Partial<NamespacePolicy> = {},
): Promise<DirectStack> {
  const controlPlane = await startControlPlane(kind);
  const redis = await startRedisCluster(3);
  const { db, databaseUrl } = controlPlane;
  const cluster = await seedCluster(db, redis);
  const namespace = `users_${randomBytes(3).toString('hex')}`;
  const table = `sdk_${namespace}`;
  const keys = {
    readWrite: await seedApiKey(db, redis, [{ namespace, permission: 'read-write' }]),
    readOnly: await seedApiKey(db, redis, [{ namespace, permission: 'read' }]),
    otherScope: await seedApiKey(db, redis, [{ namespace: 'other', permission: 'read-write' }]),
    ghost: await seedApiKey(db, redis, [{ namespace: 'ghost', permission: 'read-write' }]),
  };
  const agent = await startStandInAgent({
    namespace,
    nodes: redis.startupNodes,
    username: cluster.username,
    password: cluster.password,
    connectionString: databaseUrl,
    table,
    apiKeys: Object.values(keys).map((k) => k.secret),
  });
  const deadAgent = `http://127.0.0.1:${await freePort()}`;
  await seedNodes(db, cluster.id, redis, [deadAgent, agent.url]);
  await seedNamespace(db, {
    name: namespace,
    clusterId: cluster.id,
    connectionString: databaseUrl,
    table,
    policy,
  });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const admin = new Cluster(redis.startupNodes, {
    redisOptions: { username: cluster.username, password: cluster.password },
  });
  const probe = createCache<unknown>({
    namespace,
    l1: false,
    l2: { client: admin },
    policy: { writeMode: 'cache-aside' },
  });
  return {
    controlPlane,
    redis,
    agent,
    pool,
    table,
    namespace,
    keys,
    inspectL2: (key) => probe.inspect(key),
    async row(key) {
      const result = await pool.query<{ value: unknown }>(
        `SELECT value FROM ${table} WHERE key = $1`,
        [key],
      );
      return result.rows[0]?.value;
    },
    async stop() {
      await probe.close();
      admin.disconnect();
      await pool.end();
      await agent.stop();
      await redis.stop();
      await controlPlane.stop();
    },
  };
}
