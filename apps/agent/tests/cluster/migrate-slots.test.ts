import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownsSlot } from '../../src/cluster/cluster-nodes.js';
import type { NodeRef } from '../../src/cluster/step-types.js';
import { waitFor } from '../helpers/wait.js';
import {
  buildCluster,
  countKeysInSlot,
  missingKeys,
  startFleet,
  writeKeys,
  type TestFleet,
  abortMidSlot,
} from './harness.js';

/** Every node's view puts each slot of `slots` on `owner`. */
async function agreedOwner(fleet: TestFleet, nodes: NodeRef[], slots: number[], owner: NodeRef) {
  const ownerId = (await fleet.self(owner)).id;
  for (const node of nodes) {
    const view = await fleet.view(node);
    const holder = view.find((n) => n.id === ownerId);
    if (!holder || !slots.every((s) => ownsSlot(holder, s))) return false;
  }
  return true;
}

describe('migrate-slots on real redis-servers', () => {
  let fleet: TestFleet;
  let members: NodeRef[];
  beforeAll(async () => {
    fleet = await startFleet(4);
    await buildCluster(fleet, 3, 0);
    members = fleet.refs;
    // The 4th node joins as an empty primary.
    await fleet.run({ kind: 'meet', nodes: members });
    await fleet.run({ kind: 'await-cluster-ok', nodes: members });
  });
  afterAll(async () => {
    await fleet.stop();
  });

  it('moves slots with their keys while a client keeps writing; nothing is lost', async () => {
    const [first, , , fourth] = members as [NodeRef, NodeRef, NodeRef, NodeRef];
    const cluster = fleet.client();
    const keys = await writeKeys(cluster, 20_000);
    const load = { writing: true };
    let failures = 0;
    let writes = 0;
    const writer = (async () => {
      while (load.writing) {
        const key = `live:${writes % 2000}`;
        await cluster.set(key, `v-${key}`).catch(() => (failures += 1));
        keys.set(key, `v-${key}`);
        writes += 1;
      }
    })();
    const result = await fleet.run({
      kind: 'migrate-slots',
      from: first,
      to: fourth,
      ranges: [{ start: 0, end: 299 }],
      batchKeys: 50,
    });
    load.writing = false;
    await writer;
    expect(result.checkpoint).toMatchObject({ slotsDone: 300 });
    expect(failures).toBe(0);
    expect(writes).toBeGreaterThan(0);
    expect(await agreedOwner(fleet, members, [0, 150, 299], fourth)).toBe(true);
    expect(await missingKeys(cluster, keys)).toEqual([]);
    expect(await countKeysInSlot(first, 0)).toBe(0);
  });

  it('a move aborted mid-slot leaves the slot open; running the step again finishes it', async () => {
    const [, second, , fourth] = members as [NodeRef, NodeRef, NodeRef, NodeRef];
    const cluster = fleet.client();
    // 3000 keys in one slot of the second node (hash tag) so the abort lands between batches.
    const range = (await fleet.self(second)).slots[0];
    let tag = '';
    let slot = -1;
    for (let i = 0; range && !(range.start <= slot && slot <= range.end); i += 1) {
      tag = `{mid-${i}}`;
      slot = Number(await cluster.call('CLUSTER', 'KEYSLOT', tag));
    }
    const keys = await writeKeys(cluster, 3000, tag);
    const spec = await abortMidSlot(fleet, second, fourth, slot);

    const source = await fleet.self(second);
    const target = await fleet.self(fourth);
    expect(source.migrating.get(slot)).toBe(target.id);
    expect(target.importing.get(slot)).toBe(source.id);
    expect(await countKeysInSlot(second, slot)).toBeGreaterThan(0);
    // Clients still read every key through ASK while the slot is half-moved.
    expect(await missingKeys(cluster, keys)).toEqual([]);

    await fleet.run(spec);
    expect(await agreedOwner(fleet, members, [slot], fourth)).toBe(true);
    expect((await fleet.self(fourth)).importing.size).toBe(0);
    expect((await fleet.self(second)).migrating.size).toBe(0);
    expect(await countKeysInSlot(second, slot)).toBe(0);
    expect(await countKeysInSlot(fourth, slot)).toBeGreaterThanOrEqual(3000);
    expect(await missingKeys(cluster, keys)).toEqual([]);
  });

  it('stops between slots when cancel is requested', async () => {
    const [, , third, fourth] = members as [NodeRef, NodeRef, NodeRef, NodeRef];
    const start = (await fleet.self(third)).slots[0]?.start ?? 0;
    let asked = 0;
    await expect(
      fleet.run(
        {
          kind: 'migrate-slots',
          from: third,
          to: fourth,
          ranges: [{ start, end: start + 9 }],
          batchKeys: 50,
        },
        { cancelRequested: () => (asked += 1) > 3 },
      ),
    ).rejects.toThrow('cancelled');
    expect(await agreedOwner(fleet, [fourth], [start, start + 2], fourth)).toBe(true);
    expect(await agreedOwner(fleet, [third], [start + 3, start + 9], third)).toBe(true);
  });

  it('moving away the last slot of a primary succeeds; Redis then makes it a replica of the taker', async () => {
    const [first, , , fourth] = members as [NodeRef, NodeRef, NodeRef, NodeRef];
    const cluster = fleet.client();
    const keys = await writeKeys(cluster, 2000, 'drain');
    const spec = {
      kind: 'migrate-slots' as const,
      from: fourth,
      to: first,
      ranges: (await fleet.self(fourth)).slots,
      batchKeys: 50,
    };
    await fleet.run(spec);
    const firstId = (await fleet.self(first)).id;
    await waitFor('the emptied primary to replicate the taker', async () => {
      const self = await fleet.self(fourth);
      return self.primaryId === firstId && self.slots.length === 0;
    });
    // Once it is a replica (which refuses SETSLOT), the same step again is a no-op.
    await fleet.run(spec);
    expect(await missingKeys(cluster, keys)).toEqual([]);
  });
});
