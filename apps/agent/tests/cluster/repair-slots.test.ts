import { Redis, type Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownsSlot } from '../../src/cluster/cluster-nodes.js';
import type { NodeRef } from '../../src/cluster/step-types.js';
import {
  buildCluster,
  countKeysInSlot,
  missingKeys,
  startFleet,
  writeKeys,
  type TestFleet,
  abortMidSlot,
} from './harness.js';

/** Runs one command on every node as the default user. */
async function onEvery(nodes: NodeRef[], ...command: string[]): Promise<void> {
  for (const node of nodes) {
    const redis = new Redis({ host: node.host, port: node.port });
    try {
      await redis.call(command[0] ?? '', ...command.slice(1));
    } finally {
      redis.disconnect();
    }
  }
}

/** A hash tag whose slot lies in [low, high] and is not `except`. */
async function tagInRange(cluster: Cluster, low: number, high: number, except: number) {
  for (let i = 0; ; i += 1) {
    const slot = Number(await cluster.call('CLUSTER', 'KEYSLOT', `{r-${i}}`));
    if (slot >= low && slot <= high && slot !== except) return `{r-${i}}`;
  }
}

function ownsRange(range: { start: number; end: number }, slot: number): boolean {
  return range.start <= slot && slot <= range.end;
}

describe('repair-slots on real redis-servers', () => {
  let fleet: TestFleet;
  let nodes: [NodeRef, NodeRef, NodeRef, NodeRef];
  beforeAll(async () => {
    fleet = await startFleet(4);
    await buildCluster(fleet, 3, 0);
    await fleet.run({ kind: 'meet', nodes: fleet.refs });
    await fleet.run({ kind: 'await-cluster-ok', nodes: fleet.refs });
    nodes = fleet.refs as [NodeRef, NodeRef, NodeRef, NodeRef];
  });
  afterAll(async () => {
    await fleet.stop();
  });

  it('finishes a slot left migrating/importing, closes a lone importing slot and covers an uncovered one', async () => {
    const [first, , third, fourth] = nodes;
    const cluster = fleet.client();
    // 1. A move of slot 100 killed between batches: MIGRATING on first, IMPORTING on fourth.
    const tag = await tagInRange(cluster, 0, 4999, -1);
    const slot = Number(await cluster.call('CLUSTER', 'KEYSLOT', tag));
    const keys = await writeKeys(cluster, 2000, tag);
    await abortMidSlot(fleet, first, fourth, slot);
    // 2. A lone IMPORTING on the fourth node for a slot third owns, with nothing moved.
    const thirdSlot = (await fleet.self(third)).slots[0]?.start ?? 0;
    await onEvery(
      [fourth],
      'CLUSTER',
      'SETSLOT',
      String(thirdSlot),
      'IMPORTING',
      (await fleet.self(third)).id,
    );
    // 3. A slot of third's that still holds keys, forgotten by every node: it must go back to
    //    third (fourth has the fewest slots and would otherwise get it, stranding the keys).
    const strayTag = await tagInRange(cluster, 11_000, 15_999, thirdSlot);
    const straySlot = Number(await cluster.call('CLUSTER', 'KEYSLOT', strayTag));
    const strayKeys = await writeKeys(cluster, 300, strayTag);
    // 4. Slot 16000 (no keys) forgotten by every node: uncovered.
    expect(await countKeysInSlot(third, 16000)).toBe(0);
    await onEvery(nodes, 'CLUSTER', 'DELSLOTS', '16000');
    await onEvery(nodes, 'CLUSTER', 'DELSLOTS', String(straySlot));
    expect(String(await cluster.call('CLUSTER', 'INFO'))).toContain('cluster_state:fail');

    const result = await fleet.run({ kind: 'repair-slots', nodes });
    expect(result.log.join('\n')).toMatch(/finished the move/);

    await fleet.run({ kind: 'await-cluster-ok', nodes });
    for (const node of nodes) {
      const self = await fleet.self(node);
      expect(self.migrating.size + self.importing.size).toBe(0);
    }
    const owner = (await fleet.view(first)).find((n) => ownsSlot(n, slot));
    expect(owner?.id).toBe((await fleet.self(fourth)).id);
    expect((await fleet.self(fourth)).slots.some((r) => ownsRange(r, 16000))).toBe(true);
    expect(await missingKeys(cluster, keys)).toEqual([]);
    expect((await fleet.self(third)).slots.some((r) => ownsRange(r, straySlot))).toBe(true);
    expect(result.log.join('\n')).toMatch(/given back to its keys/);
    expect(await missingKeys(cluster, strayKeys)).toEqual([]);
  }, 90_000);
});
