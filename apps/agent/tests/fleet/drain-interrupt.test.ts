// Must-show journeys of issue 5 on real agents, under cache-core load: drain and remove a primary
// (no failed call, no key lost, the node forgotten everywhere and its slots owned by the others),
// then add it back and kill -9 the agent executing the rebalance mid-move (another agent takes
// the step's lease over and resumes from its checkpoint; no slot left open, no key lost).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import { clusterUserOf, nodeView, slotState } from './cluster-truth.js';
import {
  startFleetStand,
  waitForOperation,
  type FleetAgent,
  type FleetStand,
} from './fleet-harness.js';
import {
  clusterClient,
  expectedSnapshot,
  seed,
  snapshot,
  startLoad,
  type LoadGenerator,
} from './load-generator.js';

type Operation = Awaited<ReturnType<FleetStand['admin']['operations']['get']>>;
type Step = Operation['steps'][number];
type ClusterView = Awaited<ReturnType<FleetStand['admin']['clusters']['get']>>;

function sameCounts(view: ClusterView, counts: number[]): boolean {
  const shown = view.primaries.map((p) => p.slotCount).sort((a, b) => a - b);
  return view.slotsCovered === 16384 && shown.join() === counts.join();
}

describe('drain and an interrupted rebalance with real agents', () => {
  let stand: FleetStand;
  let clusterId: string;
  let load: LoadGenerator | undefined;
  let seeded: Map<string, string>;
  const gen = (): LoadGenerator => {
    if (!load) throw new Error('no load generator yet');
    return load;
  };
  const view = () => stand.admin.clusters.get({ clusterId });
  const agent = (index: number): FleetAgent => {
    const found = stand.agents[index];
    if (!found) throw new Error(`no agent ${index}`);
    return found;
  };

  /** Runs the load while `during` runs; then no call failed and every key reads what was written. */
  async function underLoad(during: () => Promise<void>): Promise<void> {
    const before = await snapshot(gen().cache, seeded.keys());
    expect(before).toEqual(expectedSnapshot(seeded));
    const writes = gen().stats.writes;
    gen().start();
    try {
      await during();
    } finally {
      await gen().stop();
    }
    expect(gen().stats.errors).toEqual([]);
    expect(gen().stats.failures).toBe(0);
    expect(gen().stats.l2Errors).toEqual({});
    expect(gen().stats.writes - writes).toBeGreaterThan(100);
    expect(await snapshot(gen().cache, seeded.keys())).toEqual(before);
    expect(await snapshot(gen().cache, gen().expected.keys())).toEqual(
      expectedSnapshot(gen().expected),
    );
  }

  beforeAll(async () => {
    stand = await startFleetStand(4);
    const agentIds = stand.agents.map((a) => a.config.agentId);
    const op = await stand.admin.clusters.create({ name: 'drain', agentIds, replicas: 0 });
    clusterId = op.clusterId;
    await waitForOperation(stand, op.id);
    const user = await clusterUserOf(agent(0));
    const seeds = stand.agents.map((a) => ({ host: '127.0.0.1', port: a.redisPort }));
    load = startLoad(clusterClient(seeds, user), 300);
    seeded = await seed(gen().cache, 5_000, 'seed');
  }, 400_000);
  afterAll(async () => {
    await load?.close().catch(() => undefined);
    await stand.stop();
  }, 180_000);

  it('drains and removes a primary under load: no failed call, no key lost, forgotten everywhere', async () => {
    const drained = agent(3);
    const node = (await view()).nodes.find((n) => n.agentId === drained.config.agentId);
    if (!node?.redisNodeId) throw new Error('the drained agent runs no known node');
    expect(node.slotCount).toBe(4096);

    await underLoad(async () => {
      const op = await stand.admin.clusters.removeNode({ nodeId: node.id });
      await waitForOperation(stand, op.id, 300_000);
    });

    const rest = stand.agents.slice(0, 3);
    for (const member of rest) {
      expect((await nodeView(member)).map((n) => n.id)).not.toContain(node.redisNodeId);
    }
    expect(await slotState(rest)).toEqual({
      open: [],
      covered: [16384, 16384, 16384],
      slotMaps: 1,
      owners: [3, 3, 3],
      slotCounts: [5461, 5461, 5462],
    });
    // Reset: a fresh node with a new id that knows only itself and owns nothing.
    const reset = await nodeView(drained);
    expect(reset.map((n) => n.id)).not.toContain(node.redisNodeId);
    expect(reset).toHaveLength(1);
    expect(reset[0]?.slots).toEqual([]);
    // The console catches up within a few 2 s reports (the last one may predate the last slot).
    await waitFor(
      'the console: 3 primaries as Redis has them, no trace of the drained node',
      async () => {
        const v = await view();
        const gone = v.nodes.every((n) => n.agentId !== drained.config.agentId);
        return gone && sameCounts(v, [5461, 5461, 5462]);
      },
    );
  }, 400_000);

  /** Waits until a migrate-slots step is part way through; returns it with its lease owner. */
  async function midMove(opId: string): Promise<Step & { leaseOwner: string }> {
    return waitFor(
      'a migrate-slots step part way through',
      async () => {
        const op = await stand.admin.operations.get({ id: opId });
        if (op.status !== 'running') throw new Error(`operation ${op.status}: ${op.error ?? ''}`);
        const step = op.steps.find(
          (s) => s.spec.kind === 'migrate-slots' && s.status === 'running' && s.progress >= 0.2,
        );
        const leaseOwner = step?.leaseOwner;
        return step && leaseOwner ? { ...step, leaseOwner } : undefined;
      },
      240_000,
    );
  }

  it('a rebalance whose executing agent is killed -9 mid-move resumes on another agent: no slot left open, no key lost', async () => {
    const added = agent(3);
    let killed: FleetAgent | undefined;
    let resumed: Step | undefined;
    await underLoad(async () => {
      const op = await stand.admin.clusters.addNodes({
        clusterId,
        agentIds: [added.config.agentId],
        rebalance: true,
      });
      const step = await midMove(op.id);
      killed = stand.agents.find((a) => a.config.agentId === step.leaseOwner);
      if (!killed) throw new Error(`lease held by an unknown agent ${step.leaseOwner}`);
      killed.process.child.kill('SIGKILL');
      await killed.process.exited;
      const killedId = killed.config.agentId;
      resumed = await waitFor(
        'another agent to take the step over',
        async () => {
          const now = await stand.admin.operations.get({ id: op.id });
          const same = now.steps.find((s) => s.id === step.id);
          return same && same.attempt > step.attempt && same.leaseOwner !== killedId
            ? same
            : undefined;
        },
        60_000,
      );
      await waitForOperation(stand, op.id, 300_000);
    });

    const final = await stand.admin.operations.get({ id: resumed?.operationId ?? '' });
    const step = final.steps.find((s) => s.id === resumed?.id);
    expect(step?.status).toBe('succeeded');
    expect(step?.log.some((line) => line.includes('resuming after'))).toBe(true);
    // The killed agent's redis-server keeps running (and serving its slots) without its agent.
    expect(await slotState(stand.agents)).toEqual({
      open: [],
      covered: [16384, 16384, 16384, 16384],
      slotMaps: 1,
      owners: [4, 4, 4, 4],
      slotCounts: [4096, 4096, 4096, 4096],
    });
    await waitFor('the console: 4 primaries as Redis has them, no slot open', async () => {
      const v = await view();
      return v.openSlots.length === 0 && sameCounts(v, [4096, 4096, 4096, 4096]);
    });
  }, 600_000);
});
