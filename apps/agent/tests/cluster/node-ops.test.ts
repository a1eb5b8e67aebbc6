import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrimary } from '../../src/cluster/cluster-nodes.js';
import { pollUntil } from '../../src/cluster/poll.js';
import type { NodeRef } from '../../src/cluster/step-types.js';
import { buildCluster, missingKeys, startFleet, writeKeys, type TestFleet } from './harness.js';

describe('failover, forget-node and apply-config on real redis-servers', () => {
  let fleet: TestFleet;
  let nodes: NodeRef[];
  const at = (i: number): NodeRef => {
    const ref = nodes[i];
    if (!ref) throw new Error(`no node ${i}`);
    return ref;
  };
  beforeAll(async () => {
    fleet = await startFleet(6);
    await buildCluster(fleet, 3, 1);
    nodes = fleet.refs;
  });
  afterAll(async () => {
    await fleet.stop();
  });

  it('failover makes the replica the primary of its slots, keys intact', async () => {
    const cluster = fleet.client();
    const keys = await writeKeys(cluster, 3000);
    // Replicas were attached in turn: node 3 follows node 0.
    const [primary, replica] = [at(0), at(3)];
    expect((await fleet.self(replica)).primaryId).toBe((await fleet.self(primary)).id);
    await fleet.run({ kind: 'failover', replica, primary });
    expect(isPrimary(await fleet.self(replica))).toBe(true);
    await pollUntil(
      'old primary to follow the new one',
      async () => (await fleet.self(primary)).primaryId === (await fleet.self(replica)).id,
      {
        timeoutMs: 10_000,
        signal: new AbortController().signal,
      },
    );
    expect(await missingKeys(cluster, keys)).toEqual([]);
    // Again: it is already the primary, so nothing happens.
    const again = await fleet.run({ kind: 'failover', replica, primary });
    expect(again.progress).toBe(1);
  });

  it('failover refuses a node that does not replicate the given primary', async () => {
    await expect(fleet.run({ kind: 'failover', replica: at(4), primary: at(2) })).rejects.toThrow(
      /not a replica of/,
    );
  });

  it('forget-node refuses a node with slots, then forgets and resets a slotless replica', async () => {
    const others = nodes.filter((n) => n !== at(1));
    await expect(fleet.run({ kind: 'forget-node', node: at(1), others })).rejects.toThrow(
      /still owns/,
    );
    // Node 4 replicates node 1; remove it.
    const gone = at(4);
    const oldId = (await fleet.self(gone)).id;
    const rest = nodes.filter((n) => n !== gone);
    await fleet.run({ kind: 'forget-node', node: gone, others: rest });
    for (const node of rest)
      expect((await fleet.view(node)).some((n) => n.id === oldId)).toBe(false);
    const reset = await fleet.view(gone);
    expect(reset).toHaveLength(1);
    expect(reset[0]?.id).not.toBe(oldId);
    await fleet.run({ kind: 'await-cluster-ok', nodes: rest });
  });

  it('apply-config sets maxmemory and policy, verified, and is a no-op the second time', async () => {
    const node = at(2);
    const spec = {
      kind: 'apply-config' as const,
      node,
      maxmemory: '48mb',
      maxmemoryPolicy: 'allkeys-lfu',
    };
    const first = await fleet.run(spec);
    expect(first.log.join()).toContain('maxmemory 48mb');
    const redis = new Redis({ host: node.host, port: node.port });
    expect(await redis.config('GET', 'maxmemory')).toEqual(['maxmemory', String(48 * 1024 * 1024)]);
    expect(await redis.config('GET', 'maxmemory-policy')).toEqual([
      'maxmemory-policy',
      'allkeys-lfu',
    ]);
    redis.disconnect();
    expect((await fleet.run(spec)).log.join()).toContain('already applied');
    await expect(fleet.run({ ...spec, maxmemory: 'lots' })).rejects.toThrow(
      /not a Redis memory size/,
    );
  });
});
