import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@cachefleet/testing';
import { startHarness, type Harness } from '../../tests/harness.js';
import {
  appCodeOf,
  clusterInfoText,
  clusterNodesText,
  enrollAgents,
  redisId,
  succeedAllSteps,
  type FakeNode,
  type TestAgent,
} from '../../tests/fleet.js';

// Six agents on 127.0.0.1:7201..7206; the planner makes the first three primaries, and replica
// j (agent 3 + j) replicates primary j. Redis ids are r0..r5 by agent index.
const ranges = ['0-5461', '5462-10922', '10923-16383'];
const healthy = (): FakeNode[] => [
  ...[0, 1, 2].map((i) => ({
    id: redisId(i),
    port: 7201 + i,
    role: 'master' as const,
    slots: [ranges[i] ?? ''],
  })),
  ...[0, 1, 2].map((i) => ({
    id: redisId(i + 3),
    port: 7204 + i,
    role: 'slave' as const,
    primaryId: redisId(i),
  })),
];
/** After Redis promoted r3 because r0 died. */
const failedOver = (): FakeNode[] =>
  healthy().map((n) => {
    if (n.id === redisId(0)) return { ...n, slots: [], flags: ['fail'] };
    if (n.id === redisId(3))
      return { id: n.id, port: n.port, role: 'master', slots: [ranges[0] ?? ''] };
    return n;
  });
/** r0 back after the failover, as a replica of r3. */
const rejoined = (): FakeNode[] =>
  failedOver().map((n) =>
    n.id === redisId(0) ? { id: n.id, port: n.port, role: 'slave', primaryId: redisId(3) } : n,
  );
const replicaInfo = (link: 'up' | 'down', downSince = -1) =>
  `# Replication\r\nrole:slave\r\nmaster_link_status:${link}\r\nmaster_sync_in_progress:0\r\n` +
  (link === 'down' ? `master_link_down_since_seconds:${downSince}\r\n` : '');

describe.each(databaseKinds())('cluster topology from agent reports on %s', (kind) => {
  let h: Harness;
  let agents: TestAgent[];
  let clusterId: string;
  beforeAll(async () => {
    h = await startHarness(kind);
    agents = await enrollAgents(h, 6, 7201);
    const op = await h.as.operator.clusters.create({
      name: 'topo',
      agentIds: agents.map((a) => a.id),
      replicas: 1,
    });
    clusterId = op.clusterId;
    const first = agents[0];
    if (first) await succeedAllSteps(first);
  }, 180_000);
  afterAll(() => h.stop());

  const report = (
    i: number,
    view: FakeNode[],
    epoch: number,
    state: 'ok' | 'fail' = 'ok',
    replicationInfo?: string,
  ) =>
    agents[i]?.caller.agentFleet.reportTopology({
      myId: redisId(i),
      clusterNodes: clusterNodesText(view, redisId(i)),
      clusterInfo: clusterInfoText(state, epoch, view.length),
      ...(replicationInfo === undefined ? {} : { replicationInfo }),
    });
  const nodeOf = async (i: number) => {
    const view = await h.as.viewer.clusters.get({ clusterId });
    const node = view.nodes.find((n) => n.agentId === agents[i]?.id);
    if (!node) throw new Error(`agent ${i} has no node`);
    return node;
  };

  it('shows primaries with their replicas, slot ranges, health and cluster state', async () => {
    for (let i = 0; i < 6; i++) await report(i, healthy(), 6);
    const view = await h.as.viewer.clusters.get({ clusterId });
    expect(view.cluster.state).toBe('ok');
    expect(view.cluster.info).toMatchObject({ currentEpoch: 6, knownNodes: 6, slotsOk: 16384 });
    expect(view.slotsCovered).toBe(16384);
    expect(view.primaries).toHaveLength(3);
    for (const [i, primary] of view.primaries.entries()) {
      expect(primary).toMatchObject({ redisNodeId: redisId(i), health: 'ok' });
      expect(primary.replicas.map((r) => r.redisNodeId)).toEqual([redisId(i + 3)]);
    }
    expect(view.primaries[0]?.slotRanges).toEqual([{ start: 0, end: 5461 }]);
    expect(JSON.stringify(view)).not.toContain('redisPassword');
  });

  it('shows an automatic failover after one report, and ignores a stale view of the old primary', async () => {
    await report(1, failedOver(), 7, 'ok');
    expect(await nodeOf(3)).toMatchObject({
      role: 'primary',
      slotRanges: [{ start: 0, end: 5461 }],
    });
    expect(await nodeOf(0)).toMatchObject({ role: 'primary', health: 'fail', slotCount: 0 });
    // The old primary restarts with its old config (epoch 6) and claims its slots: ignored.
    await report(0, healthy(), 6);
    expect(await nodeOf(3)).toMatchObject({ role: 'primary', slotCount: 5462 });
  });

  it('refuses a rebalance and adding nodes while a node is failed, changing nothing', async () => {
    const before = (await h.as.viewer.operations.list({ clusterId, limit: 100 })).items.length;
    expect(await appCodeOf(h.as.operator.clusters.rebalance({ clusterId }))).toBe(
      'E_CLUSTER_DEGRADED',
    );
    const [spare] = await enrollAgents(h, 1, 7299);
    expect(
      await appCodeOf(
        h.as.operator.clusters.addNodes({
          clusterId,
          agentIds: [spare?.id ?? ''],
          rebalance: true,
        }),
      ),
    ).toBe('E_CLUSTER_DEGRADED');
    expect((await h.as.viewer.operations.list({ clusterId, limit: 100 })).items).toHaveLength(
      before,
    );
    expect((await h.as.viewer.clusters.get({ clusterId })).nodes).toHaveLength(6);
  });

  it('shows the old primary as a healthy replica of the new one once it rejoins', async () => {
    await report(0, rejoined(), 7);
    await report(1, rejoined(), 7);
    const old = await nodeOf(0);
    expect(old).toMatchObject({ role: 'replica', health: 'ok', replicaOf: redisId(3) });
    const view = await h.as.viewer.clusters.get({ clusterId });
    const promoted = view.primaries.find((p) => p.redisNodeId === redisId(3));
    expect(promoted?.replicas.map((r) => r.id)).toEqual([old.id]);
  });

  it('shows a rejoined replica as syncing until its own Redis says its first sync finished', async () => {
    await report(0, rejoined(), 7, 'ok', replicaInfo('down'));
    expect(await nodeOf(0)).toMatchObject({ role: 'replica', health: 'syncing' });
    // Its peers see nothing wrong with it; that does not make it ready.
    await report(1, rejoined(), 7);
    expect((await nodeOf(0)).health).toBe('syncing');
    const primaryInfo =
      '# Replication\r\nrole:master\r\nmaster_repl_offset:5000\r\n' +
      `slave0:ip=127.0.0.1,port=7201,state=online,offset=4000,lag=0\r\n`;
    await report(3, rejoined(), 7, 'ok', primaryInfo);
    await report(0, rejoined(), 7, 'ok', replicaInfo('up'));
    expect(await nodeOf(0)).toMatchObject({ health: 'ok', replicationLagBytes: 1000 });
    expect((await nodeOf(3)).replicationLagBytes).toBeNull();
    // A synced replica whose primary went away stays as CLUSTER NODES says (here: ok).
    await report(0, rejoined(), 7, 'ok', replicaInfo('down', 4));
    expect((await nodeOf(0)).health).toBe('ok');
    // An agent that predates the field says nothing about it: back to CLUSTER NODES alone.
    await report(0, rejoined(), 7, 'ok', replicaInfo('down'));
    await report(0, rejoined(), 7);
    expect((await nodeOf(0)).health).toBe('ok');
  });

  it('refuses replication info past 16 KiB', async () => {
    const call = report(0, rejoined(), 7, 'ok', `role:slave\r\n${'x'.repeat(16 * 1024)}`);
    expect(await appCodeOf(call ?? Promise.resolve())).toBe('BAD_REQUEST');
  });

  it('plans the minimum moves for a new primary without changing anything', async () => {
    const [spare] = await enrollAgents(h, 1, 7298);
    const plan = await h.as.viewer.clusters.planRebalance({
      clusterId,
      addAgentIds: [spare?.id ?? ''],
    });
    expect(plan.totalSlots).toBe(4096);
    expect(plan.moves.every((m) => m.to.newAgentId === spare?.id)).toBe(true);
    expect((await h.as.viewer.clusters.get({ clusterId })).nodes).toHaveLength(6);
  });
});
