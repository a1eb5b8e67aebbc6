import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrimary, slotCount } from '../../src/cluster/cluster-nodes.js';
import { createClusterSteps } from '../../src/cluster/local-run.js';
import { buildCluster, missingKeys, startFleet, writeKeys, type TestFleet } from './harness.js';

describe('create-cluster steps on real redis-servers', () => {
  let fleet: TestFleet;
  const nth = (i: number) => {
    const ref = fleet.refs[i];
    if (!ref) throw new Error(`no node ${i}`);
    return ref;
  };
  const first = () => nth(0);
  const second = () => nth(1);
  beforeAll(async () => {
    fleet = await startFleet(6);
  });
  afterAll(async () => {
    await fleet.stop();
  });

  it('await-nodes, meet, assign-slots, replicate and await-cluster-ok build a 3×1 cluster', async () => {
    await buildCluster(fleet, 3, 1);
    const view = await fleet.view(first());
    const primaries = view.filter(isPrimary);
    expect(view).toHaveLength(6);
    expect(primaries.map(slotCount).sort()).toEqual([5461, 5461, 5462]);
    for (const replica of fleet.refs.slice(3)) {
      const self = await fleet.self(replica);
      expect(self.flags).toContain('slave');
      expect(primaries.map((p) => p.id)).toContain(self.primaryId);
    }
    const cluster = fleet.client();
    const keys = await writeKeys(cluster, 2000);
    expect(await missingKeys(cluster, keys)).toEqual([]);
  });

  it('running the same steps again changes nothing (idempotent)', async () => {
    const before = (await fleet.view(second()))
      .map((n) => `${n.id} ${n.flags.join()} ${n.primaryId ?? '-'} ${JSON.stringify(n.slots)}`)
      .sort();
    const logs: string[] = [];
    for (const step of createClusterSteps(fleet.refs, 3)) {
      logs.push(...(await fleet.run(step)).log);
    }
    const after = (await fleet.view(second()))
      .map((n) => `${n.id} ${n.flags.join()} ${n.primaryId ?? '-'} ${JSON.stringify(n.slots)}`)
      .sort();
    expect(after).toEqual(before);
    expect(logs.filter((l) => l.includes('slots added'))).toEqual(
      expect.arrayContaining([expect.stringContaining(': 0 slots added')]),
    );
  });

  it('refuses to ask a node that cannot authenticate: await-nodes times out with the reason', async () => {
    const wrong = { username: fleet.credentials.username, password: 'not-the-password-0000' };
    const { runStepLocally } = await import('../../src/cluster/local-run.js');
    const abort = AbortSignal.timeout(1_500);
    await expect(
      runStepLocally({ kind: 'await-nodes', nodes: fleet.refs.slice(0, 1) }, wrong, {
        signal: abort,
      }),
    ).rejects.toThrow();
  });
});
