import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  databaseKinds,
  startRedis,
  startRedisCluster,
  type TestRedis,
  type TestRedisCluster,
} from '@cachefleet/testing';
import { startHarness, type Harness } from '../../tests/harness.js';
import { appCodeOf, enrollAgentsAt, succeedAllSteps, type TestAgent } from '../../tests/fleet.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A real Redis Cluster of three primaries and a fourth node that joins as a replica whose first
// sync its primary holds back. Every look at the model follows one report per node, with what
// that node's agent sends: CLUSTER NODES / INFO / MYID and INFO replication.
describe.each(databaseKinds())('a replica on its first sync, on %s', (kind) => {
  let h: Harness;
  let redis: TestRedisCluster | undefined;
  let extra: TestRedis | undefined;
  let agents: TestAgent[];
  let clusterId: string;
  const clients: Redis[] = [];
  const connect = (port: number) => {
    const client = new Redis({ port, maxRetriesPerRequest: 1 });
    clients.push(client);
    return client;
  };

  async function reportAll(): Promise<void> {
    for (const agent of agents) {
      const client = connect(agent.port);
      const [clusterNodes, clusterInfo, myId, replicationInfo] = await Promise.all([
        client.call('CLUSTER', 'NODES') as Promise<string>,
        client.call('CLUSTER', 'INFO') as Promise<string>,
        client.call('CLUSTER', 'MYID') as Promise<string>,
        client.info('replication'),
      ]);
      client.disconnect();
      await agent.caller.agentFleet.reportTopology({
        myId,
        clusterNodes,
        clusterInfo,
        replicationInfo,
      });
    }
  }

  const view = () => h.as.viewer.clusters.get({ clusterId });
  const newcomer = async () => {
    const node = (await view()).nodes.find((n) => n.port === extra?.port);
    if (!node) throw new Error('the fourth node is not in the model');
    return node;
  };
  async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await reportAll();
      const found = await probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(250);
    }
  }

  beforeAll(async () => {
    h = await startHarness(kind);
    redis = await startRedisCluster(3, 0);
    extra = await startRedis({ cluster: true });
    agents = await enrollAgentsAt(h, [...redis.nodes.map((n) => n.port), extra.port]);
    const op = await h.as.operator.clusters.create({
      name: 'first-sync',
      agentIds: agents.map((a) => a.id),
      replicas: 0,
    });
    clusterId = op.clusterId;
    if (agents[0]) await succeedAllSteps(agents[0]);
  }, 120_000);
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await extra?.stop();
    await redis?.stop();
    await h.stop();
  });

  it('shows the replica syncing until its first sync finished, then ok', async () => {
    const [first] = redis?.nodes ?? [];
    if (!first || !extra) throw new Error('no Redis');
    const primary = connect(first.port);
    const joiner = connect(extra.port);
    const primaryId = String(await primary.call('CLUSTER', 'MYID'));
    await primary.config('SET', 'repl-diskless-sync-delay', '60');
    await joiner.call('CLUSTER', 'MEET', first.host, String(first.port));
    // Refused (unknown node) until the meet has gone round.
    await waitFor('the fourth node to replicate the first primary', () =>
      joiner.call('CLUSTER', 'REPLICATE', primaryId).then(
        () => true,
        () => undefined,
      ),
    );

    const syncing = await waitFor('the replica shown syncing', async () => {
      const node = await newcomer();
      return node.role === 'replica' && node.health === 'syncing' ? node : undefined;
    });
    expect(syncing.replicaOf).toBe(primaryId);
    // Every node keeps reporting it as fine in CLUSTER NODES; it stays syncing while held.
    await reportAll();
    await reportAll();
    expect((await newcomer()).health).toBe('syncing');
    expect(await joiner.info('replication')).toContain('master_link_status:down');
    const attached = (await view()).primaries.find((p) => p.redisNodeId === primaryId);
    expect(attached?.replicas.map((r) => r.id)).toEqual([syncing.id]);
    // A manual failover to it is refused and starts no operation.
    const operationsBefore = await h.as.viewer.operations.list({ limit: 50 });
    const refusal = h.as.operator.clusters.failover({ replicaNodeId: syncing.id });
    expect(await appCodeOf(refusal)).toBe('E_REPLICA_SYNCING');
    expect(await h.as.viewer.operations.list({ limit: 50 })).toEqual(operationsBefore);

    await primary.config('SET', 'repl-diskless-sync-delay', '0');
    // Its lag comes from its primary's report, which may be one report behind its own.
    const ready = await waitFor('the replica shown ok, with its lag', async () => {
      const node = await newcomer();
      return node.health === 'ok' && node.replicationLagBytes !== null ? node : undefined;
    });
    expect(ready).toMatchObject({ role: 'replica', replicaOf: primaryId });
    expect(await joiner.info('replication')).toContain('master_link_status:up');
    expect(ready.replicationLagBytes).toEqual(expect.any(Number));
  }, 90_000);
});
