import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startRedisCluster, type TestRedisCluster } from '@cachefleet/testing';
import { startHarness, type Harness } from '../../tests/harness.js';
import { enrollAgentsAt, succeedAllSteps, type TestAgent } from '../../tests/fleet.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Real redis-server processes: what the agents would send is read from them with CLUSTER NODES /
// CLUSTER INFO, and sent through agentFleet.reportTopology before every look at the model (agents
// send theirs every 2 s). One call at a time: pglite-socket interleaves concurrent unnamed
// prepared statements across connections (electric-sql/pglite#1046).
describe.each(databaseKinds())('topology of a real Redis Cluster on %s', (kind) => {
  let h: Harness;
  let redis: TestRedisCluster | undefined;
  let agents: TestAgent[];
  let clusterId: string;

  const redisNodes = () => redis?.nodes ?? [];

  /** What node i's agent would send; a dead node's agent has nothing to report. */
  async function reportNode(i: number, node: { port: number }): Promise<void> {
    const client = new Redis({
      port: node.port,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      await client.connect();
      const [clusterNodes, clusterInfo, myId] = await Promise.all([
        client.call('CLUSTER', 'NODES') as Promise<string>,
        client.call('CLUSTER', 'INFO') as Promise<string>,
        client.call('CLUSTER', 'MYID') as Promise<string>,
      ]);
      await agents[i]?.caller.agentFleet.reportTopology({ myId, clusterNodes, clusterInfo });
    } catch {
      // Down: no report, as with a dead Redis.
    } finally {
      client.disconnect();
    }
  }

  async function reportOnce(): Promise<void> {
    for (const [i, node] of redisNodes().entries()) await reportNode(i, node);
  }

  beforeAll(async () => {
    h = await startHarness(kind);
    const started = await startRedisCluster(3, 1);
    redis = started;
    agents = await enrollAgentsAt(
      h,
      started.nodes.map((n) => n.port),
    );
    const op = await h.as.operator.clusters.create({
      name: 'real',
      agentIds: agents.map((a) => a.id),
      replicas: 1,
    });
    clusterId = op.clusterId;
    if (agents[0]) await succeedAllSteps(agents[0]);
  }, 240_000);
  afterAll(async () => {
    await redis?.stop();
    await h.stop();
  });

  const view = () => h.as.viewer.clusters.get({ clusterId });
  async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await reportOnce();
      const found = await probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(250);
    }
  }

  it('shows what Redis says: 3 primaries with one replica each, all slots, state ok', async () => {
    const v = await waitFor('a full topology', async () => {
      const v = await view();
      return v.cluster.state === 'ok' &&
        v.primaries.every((p) => p.replicas.length === 1) &&
        v.primaries.length === 3
        ? v
        : undefined;
    });
    expect(v.slotsCovered).toBe(16384);
    expect(v.nodes.every((n) => n.health === 'ok' && n.redisNodeId?.length === 40)).toBe(true);
  });

  it('after kill -9 of a primary: its replica shows as primary and it as failed, then it rejoins as a replica', async () => {
    const before = await view();
    const victim = before.primaries[0];
    const heir = victim?.replicas[0];
    const victimRedis = redisNodes().find((n) => n.port === victim?.port);
    if (!victim || !heir || !victimRedis) throw new Error('no primary with a replica');
    // A replica that has not synced yet refuses to take over (its data counts as too old).
    const heirRedis = new Redis({ port: heir.port, lazyConnect: true });
    await heirRedis.connect();
    await waitFor('the replica in sync', async () =>
      (await heirRedis.info('replication')).includes('master_link_status:up') ? true : undefined,
    );
    heirRedis.disconnect();
    const killedAt = Date.now();
    await victimRedis.kill();
    const shown = await waitFor(
      'the failover in the model',
      async () => {
        const v = await view();
        const promoted = v.nodes.find((n) => n.id === heir.id);
        const old = v.nodes.find((n) => n.id === victim.id);
        return promoted?.role === 'primary' && old?.health === 'fail' ? v : undefined;
      },
      30_000,
    );
    const seconds = (Date.now() - killedAt) / 1000;
    console.log(
      `failover visible in the model ${seconds.toFixed(1)} s after kill -9 (node timeout 2 s)`,
    );
    expect(seconds).toBeLessThan(10);
    expect(shown.nodes.find((n) => n.id === heir.id)?.slotRanges).toEqual(victim.slotRanges);

    await victimRedis.restart();
    await waitFor('the old primary back as a replica', async () => {
      const old = (await view()).nodes.find((n) => n.id === victim.id);
      return old?.role === 'replica' && old.health === 'ok' && old.replicaOf === heir.redisNodeId
        ? old
        : undefined;
    });
  }, 60_000);
});
