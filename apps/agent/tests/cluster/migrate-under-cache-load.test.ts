// The rebalance journey's property at the executor level, without the control plane: slots move
// with migrate-slots while the fleet load generator reads and writes through cache-core on an
// ioredis Cluster. No call may fail, no read may miss its own write, cache-core may not even report
// an L2 error (a MOVED/ASK/TRYAGAIN is retried inside the client), and no key may be lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeRef } from '../../src/cluster/step-types.js';
import {
  clusterClient,
  expectedSnapshot,
  seed,
  snapshot,
  startLoad,
  type LoadGenerator,
} from '../fleet/load-generator.js';
import { buildCluster, countKeysInSlot, startFleet, type TestFleet } from './harness.js';

describe('migrate-slots under cache-core load', () => {
  let fleet: TestFleet;
  let load: LoadGenerator | undefined;
  beforeAll(async () => {
    fleet = await startFleet(4);
    await buildCluster(fleet, 3, 0);
    await fleet.run({ kind: 'meet', nodes: fleet.refs });
    await fleet.run({ kind: 'await-cluster-ok', nodes: fleet.refs });
  }, 60_000);
  afterAll(async () => {
    await load?.close().catch(() => undefined);
    await fleet.stop();
  });

  it('moves 1000 slots while cache-core reads and writes: no failed call, no L2 error, no key lost', async () => {
    const [first, , , fourth] = fleet.refs as [NodeRef, NodeRef, NodeRef, NodeRef];
    const { credentials } = fleet;
    load = startLoad(clusterClient(fleet.refs, credentials), 500);
    const seeded = await seed(load.cache, 5000, 'seed');
    const before = await snapshot(load.cache, seeded.keys());
    expect(before).toEqual(expectedSnapshot(seeded));

    load.start();
    const result = await fleet.run({
      kind: 'migrate-slots',
      from: first,
      to: fourth,
      ranges: [{ start: 0, end: 999 }],
      batchKeys: 10,
    });
    await load.stop();
    // Right after the move the client's slot map is stale: the reads below are redirected too.
    const after = await snapshot(load.cache, seeded.keys());

    expect(result.checkpoint).toMatchObject({ slotsDone: 1000 });
    expect(load.stats.l2Errors).toEqual({});
    expect(load.stats.errors).toEqual([]);
    expect(load.stats.failures).toBe(0);
    expect(load.stats.writes).toBeGreaterThan(100);
    expect(load.cache.pendingRepairs).toBe(0);
    expect(await countKeysInSlot(first, 0)).toBe(0);
    expect(after).toEqual(before);
    expect(load.stats.l2Errors).toEqual({});
    expect(await snapshot(load.cache, load.expected.keys())).toEqual(
      expectedSnapshot(load.expected),
    );
  }, 180_000);
});
