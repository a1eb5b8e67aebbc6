// Direct mode against real agents: three agent processes (the agent's own DataService) pull their
// config from a real control plane, apply the API key's Redis ACL user to their own node of a real
// 3-primary Redis Cluster and serve /v1 over a real PostgreSQL table. The namespace journey of
// e2e/ in seconds: writes through the agent's data API must reach the SDK's L1 and back.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freePort, startRedisCluster } from '@cachefleet/testing';
import type { TestRedisCluster } from '@cachefleet/testing';
import {
  createCachefleetClient,
  type CachefleetClient,
  type DirectNamespace,
} from '../src/index.js';
import { startControlPlane, type TestControlPlane } from './helpers/control-plane.js';
import { insertApiKey, seedCluster, seedNamespace, seedNodes } from './helpers/fleet.js';
import { startRealAgent, type RealAgent } from './helpers/real-agents.js';
import { runEach } from './helpers/teardown.js';
import { within } from './helpers/within.js';

interface Order {
  total: number;
}

async function agentCall(
  url: string,
  secret: string,
  method: string,
  path: string,
  body?: unknown,
) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe.each(databaseKinds())('direct mode with real agents on %s', (kind) => {
  let controlPlane: TestControlPlane;
  let redis: TestRedisCluster;
  let agents: RealAgent[] = [];
  let pool: pg.Pool;
  let client: CachefleetClient;
  let orders: DirectNamespace<Order>;
  let secret: string;
  const namespace = `orders_${randomBytes(3).toString('hex')}`;
  const table = `sdk_${namespace}`;
  const keyPath = (key: string) => `/v1/ns/${namespace}/keys/${key}`;

  beforeAll(async () => {
    controlPlane = await startControlPlane(kind);
    redis = await startRedisCluster(3);
    const { db, databaseUrl } = controlPlane;
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    await pool.query(`CREATE SEQUENCE ${table}_cf_version_seq`);
    await pool.query(
      `CREATE TABLE ${table} (key text PRIMARY KEY, value jsonb NOT NULL, version bigint NOT NULL)`,
    );
    const cluster = await seedCluster(db, redis);
    const ports = await Promise.all(redis.nodes.map(() => freePort()));
    const credentials = ports.map(() => `cfa_${randomBytes(24).toString('base64url')}`);
    const urls = ports.map((port) => `http://127.0.0.1:${port}`);
    await seedNodes(db, cluster.id, redis, urls, credentials);
    await seedNamespace(db, {
      name: namespace,
      clusterId: cluster.id,
      connectionString: databaseUrl,
      table,
    });
    const key = await insertApiKey(db, [{ namespace, permission: 'read-write' }]);
    secret = key.secret;
    agents = await Promise.all(
      redis.nodes.map((node, i) =>
        startRealAgent({
          consoleUrl: controlPlane.url,
          credential: credentials[i] ?? '',
          node,
          port: ports[i] ?? 0,
        }),
      ),
    );
    client = createCachefleetClient({ url: controlPlane.url, apiKey: secret });
    orders = client.namespace<Order>(namespace, { mode: 'direct' });
  }, 120_000);

  afterAll(async () => {
    await runEach([
      async () => client.close(),
      ...agents.map((agent) => async () => agent.stop()),
      async () => pool.end(),
      async () => redis.stop(),
      async () => controlPlane.stop(),
    ]);
  });

  it('sees a write through the agent data API within 100 ms, and the agent sees the SDK write', async () => {
    await pool.query(
      `INSERT INTO ${table} (key, value, version) VALUES ('o-1', '{"total":10}', 1)`,
    );
    const agentUrl = agents[0]?.url ?? '';
    const first = await agentCall(agentUrl, secret, 'GET', keyPath('o-1'));
    expect(first.body).toMatchObject({ value: { total: 10 }, tier: 'source' });
    await orders.ready();
    expect(await orders.get('o-1')).toEqual({ total: 10 });
    expect(await orders.get('o-1')).toEqual({ total: 10 });

    await orders.set('o-1', { total: 20 });
    await within(100, async () => {
      const answer = await agentCall(agentUrl, secret, 'GET', keyPath('o-1'));
      return (answer.body.value as Order | undefined)?.total === 20;
    });

    const put = await agentCall(agentUrl, secret, 'PUT', keyPath('o-1'), { value: { total: 30 } });
    expect(put.status).toBe(200);
    // `within` yields a turn of the event loop between reads: L1 hits resolve without I/O, so
    // a loop of awaited hits alone would never read the bus message (the journey's stale 30 s).
    await within(100, async () => (await orders.get('o-1'))?.total === 30);
    const row = await pool.query<{ value: unknown }>(
      `SELECT value FROM ${table} WHERE key = 'o-1'`,
    );
    expect(row.rows[0]?.value).toEqual({ total: 30 });
  });

  it('a delete through the SDK removes the key from every agent, its own L1 and the table', async () => {
    expect(await orders.get('o-1')).toEqual({ total: 30 });
    for (const agent of agents) {
      const answer = await agentCall(agent.url, secret, 'GET', keyPath('o-1'));
      expect(answer.body).toMatchObject({ value: { total: 30 } });
    }
    await orders.delete('o-1');
    expect(await orders.get('o-1')).toBeUndefined();
    for (const agent of agents) {
      await within(100, async () => {
        const answer = await agentCall(agent.url, secret, 'GET', keyPath('o-1'));
        return answer.status === 404;
      });
    }
    const row = await pool.query(`SELECT 1 FROM ${table} WHERE key = 'o-1'`);
    expect(row.rowCount).toBe(0);
  });
});
