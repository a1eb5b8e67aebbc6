// Must-show journeys of issue 5 on real agents: create 3×1, add a 4th primary and rebalance under
// cache-core load (no failed call, no key lost, ~4096 slots moved), then kill -9 a primary's Redis
// (replica promoted and shown within 10 s; the restarted node rejoins as a replica).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import { clusterUserOf } from './cluster-truth.js';
import { startFleetStand, waitForOperation, type FleetStand } from './fleet-harness.js';
import {
  clusterClient,
  expectedSnapshot,
  seed,
  snapshot,
  startLoad,
  type LoadGenerator,
} from './load-generator.js';

describe('fleet orchestration with real agents', () => {
  let stand: FleetStand;
  let clusterId: string;
  let load: LoadGenerator | undefined;
  const gen = (): LoadGenerator => {
    if (!load) throw new Error('no load generator yet');
    return load;
  };
  let seeded: Map<string, string>;
  const view = () => stand.admin.clusters.get({ clusterId });

  beforeAll(async () => {
    stand = await startFleetStand(7);
  }, 400_000);
  afterAll(async () => {
    await load?.close().catch(() => undefined);
    await stand.stop();
  }, 180_000);

  it('creates a 3-primary × 1-replica cluster from six idle agents', async () => {
    const agentIds = stand.agents.slice(0, 6).map((a) => a.config.agentId);
    const op = await stand.admin.clusters.create({ name: 'journey', agentIds, replicas: 1 });
    clusterId = op.clusterId;
    await waitForOperation(stand, op.id);
    const topology = await waitFor('3 primaries with a replica each in the console', async () => {
      const v = await view();
      return v.primaries.length === 3 &&
        v.primaries.every((p) => p.replicas.length === 1) &&
        v.slotsCovered === 16384
        ? v
        : undefined;
    });
    expect(topology.primaries.map((p) => p.slotCount).sort()).toEqual([5461, 5461, 5462]);
  }, 180_000);

  it('adds a 4th primary and rebalances under load: no failed call, no key lost, ~4096 slots moved', async () => {
    const first = stand.agents[0];
    if (!first) throw new Error('no agent');
    const user = await clusterUserOf(first);
    const seeds = stand.agents.slice(0, 3).map((a) => ({ host: '127.0.0.1', port: a.redisPort }));
    load = startLoad(clusterClient(seeds, user), 500);
    seeded = await seed(gen().cache, 20_000, 'seed');
    const before = await snapshot(gen().cache, seeded.keys());
    expect(before).toEqual(expectedSnapshot(seeded));

    gen().start();
    const fourth = stand.agents[6];
    if (!fourth) throw new Error('no 4th agent');
    const op = await stand.admin.clusters.addNodes({
      clusterId,
      agentIds: [fourth.config.agentId],
      rebalance: true,
    });
    await waitForOperation(stand, op.id, 300_000);
    await gen().stop();

    expect(gen().stats.errors).toEqual([]);
    expect(gen().stats.failures).toBe(0);
    expect(gen().stats.writes).toBeGreaterThan(100);
    expect(await snapshot(gen().cache, seeded.keys())).toEqual(before);
    expect(await snapshot(gen().cache, gen().expected.keys())).toEqual(
      expectedSnapshot(gen().expected),
    );
    // The last 2 s topology report may predate the last slots of the move: wait for the next ones.
    await waitFor('4 primaries in the console, ~4096 slots on the added one', async () => {
      const v = await view();
      const added = v.primaries.find((p) => p.agentId === fourth.config.agentId);
      const slots = added?.slotCount ?? 0;
      return v.primaries.length === 4 && v.slotsCovered === 16384 && slots >= 4095 && slots <= 4097;
    });
  }, 360_000);

  it('kill -9 of a primary: its replica is promoted and the console shows it within 10 s; the restarted node rejoins as a replica', async () => {
    const v = await view();
    const victimNode = v.primaries.find((p) => p.replicas.length === 1);
    const victim = stand.agents.find((a) => a.config.agentId === victimNode?.agentId);
    const replicaAgentId = victimNode?.replicas[0]?.agentId;
    if (!victim || !victimNode || !replicaAgentId) throw new Error('no primary with a replica');
    const current = await stand.refresh(victim);
    gen().start();
    process.kill(current.redisPid, 'SIGKILL');
    const killedAt = Date.now();
    await waitFor(
      'the replica promoted and the old primary failed, in the console',
      async () => {
        const now = await view();
        const promoted = now.nodes.find((n) => n.agentId === replicaAgentId);
        const old = now.nodes.find((n) => n.agentId === victim.config.agentId);
        return promoted?.role === 'primary' && old?.health === 'fail';
      },
      10_000,
    );
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    // The agent's supervisor restarts Redis (after the replica took over); it comes back a replica.
    await waitFor(
      'the restarted node to rejoin as a replica of the new primary',
      async () => {
        const now = await view();
        const promoted = now.nodes.find((n) => n.agentId === replicaAgentId);
        const old = now.nodes.find((n) => n.agentId === victim.config.agentId);
        return (
          old?.role === 'replica' && old.health === 'ok' && old.replicaOf === promoted?.redisNodeId
        );
      },
      40_000,
    );
    await gen().stop();
    expect(await snapshot(gen().cache, seeded.keys())).toEqual(expectedSnapshot(seeded));
  }, 120_000);
});
