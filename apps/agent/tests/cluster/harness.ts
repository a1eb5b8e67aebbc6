// Bare cluster-mode redis-servers plus helpers to build a cluster from them with the step
// executors and to read what every node thinks.
import { Cluster, Redis } from 'ioredis';
import { startRedisNodes, type TestRedisNodes } from '@cachefleet/testing';
import { parseClusterNodes, myself, type ClusterNode } from '../../src/cluster/cluster-nodes.js';
import { createClusterSteps, runStepLocally } from '../../src/cluster/local-run.js';
import type { ClusterCredentials } from '../../src/cluster/node-pool.js';
import type { NodeRef, StepSpec } from '../../src/cluster/step-types.js';

export interface TestFleet {
  servers: TestRedisNodes;
  refs: NodeRef[];
  credentials: ClusterCredentials;
  run(
    spec: StepSpec,
    options?: Parameters<typeof runStepLocally>[2],
  ): ReturnType<typeof runStepLocally>;
  /** This node's own line of CLUSTER NODES, read as the default user. */
  self(ref: NodeRef): Promise<ClusterNode>;
  view(ref: NodeRef): Promise<ClusterNode[]>;
  client(): Cluster;
  stop(): Promise<void>;
}

async function withNode<T>(ref: NodeRef, fn: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis({ host: ref.host, port: ref.port, maxRetriesPerRequest: 1 });
  try {
    return await fn(redis);
  } finally {
    redis.disconnect();
  }
}

export async function startFleet(count: number): Promise<TestFleet> {
  const servers = await startRedisNodes({ count });
  const credentials = { username: servers.username, password: servers.password };
  const refs = servers.nodes.map((n, i) => ({ nodeId: `node-${i}`, host: n.host, port: n.port }));
  const clients: Cluster[] = [];
  const view = (ref: NodeRef) =>
    withNode(ref, async (r) => parseClusterNodes(String(await r.call('CLUSTER', 'NODES'))));
  return {
    servers,
    refs,
    credentials,
    run: (spec, options) => runStepLocally(spec, credentials, options),
    view,
    async self(ref) {
      const found = myself(await view(ref));
      if (!found) throw new Error('no myself line');
      return found;
    },
    client() {
      const cluster = new Cluster(
        refs.map((r) => ({ host: r.host, port: r.port })),
        { redisOptions: { username: credentials.username, password: credentials.password } },
      );
      clients.push(cluster);
      return cluster;
    },
    async stop() {
      for (const c of clients) c.disconnect();
      await servers.stop();
    },
  };
}

/** Builds `primaries` × (1 + replicas) from the first nodes of the fleet with the step executors. */
export async function buildCluster(
  fleet: TestFleet,
  primaries: number,
  replicas: number,
): Promise<void> {
  const members = fleet.refs.slice(0, primaries * (1 + replicas));
  for (const step of createClusterSteps(members, primaries)) await fleet.run(step);
}

/** Writes `count` keys through the cluster client; returns them for later checks. */
export async function writeKeys(
  cluster: Cluster,
  count: number,
  prefix = 'k',
): Promise<Map<string, string>> {
  const written = new Map<string, string>();
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from(
      { length: Math.min(500, count - start) },
      (_, i) => `${prefix}:${start + i}`,
    );
    await Promise.all(batch.map((key) => cluster.set(key, `v-${key}`)));
    for (const key of batch) written.set(key, `v-${key}`);
  }
  return written;
}

/** Reads every key back; returns the ones that are missing or wrong. */
export async function missingKeys(
  cluster: Cluster,
  expected: Map<string, string>,
): Promise<string[]> {
  const wrong: string[] = [];
  const keys = [...expected.keys()];
  for (let start = 0; start < keys.length; start += 500) {
    const batch = keys.slice(start, start + 500);
    const values = await Promise.all(batch.map((key) => cluster.get(key)));
    batch.forEach((key, i) => {
      if (values[i] !== expected.get(key)) wrong.push(key);
    });
  }
  return wrong;
}

export async function dbSize(ref: NodeRef): Promise<number> {
  return withNode(ref, (r) => r.dbsize());
}

export async function countKeysInSlot(ref: NodeRef, slot: number): Promise<number> {
  return withNode(ref, async (r) =>
    Number(await r.call('CLUSTER', 'COUNTKEYSINSLOT', String(slot))),
  );
}

/** Waits until the first keys of `slot` reach `target`; fails if the step ends before that. */
async function untilKeysArrive(
  running: Promise<unknown>,
  target: NodeRef,
  slot: number,
): Promise<void> {
  let settled: unknown = null;
  running.then(
    () => (settled = 'the step finished first'),
    (error: unknown) => (settled = error),
  );
  while ((await countKeysInSlot(target, slot)) === 0) {
    if (settled !== null)
      throw new Error('the step ended before a key arrived', { cause: settled });
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Starts moving one slot (10 keys a batch) and aborts it, as a killed executor would, once the
 * first keys reached the target: the slot is left MIGRATING/IMPORTING. Returns the step's spec.
 */
export async function abortMidSlot(fleet: TestFleet, from: NodeRef, to: NodeRef, slot: number) {
  const abort = new AbortController();
  const spec = {
    kind: 'migrate-slots' as const,
    from,
    to,
    ranges: [{ start: slot, end: slot }],
    batchKeys: 10,
  };
  const running = fleet.run(spec, { signal: abort.signal });
  await untilKeysArrive(running, to, slot);
  abort.abort(new Error('executor killed'));
  await running.then(
    () => {
      throw new Error('the move finished before the abort');
    },
    () => undefined,
  );
  return spec;
}
