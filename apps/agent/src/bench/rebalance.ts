// `npm run bench -w @cachefleet/agent` (after the data API bench): time to rebalance 1,000,000
// keys from 3 primaries onto a new 4th one with the agent's own step executors on real
// redis-servers, and the read/write throughput clients get during the move as a ratio of the
// throughput before it. JSON lines, then a short table.
import { startRedisNodes } from '@cachefleet/testing';
import { Cluster } from 'ioredis';
import { createClusterSteps, runStepLocally } from '../cluster/local-run.js';
import type { ClusterCredentials } from '../cluster/node-pool.js';
import type { NodeRef, StepSpec } from '../cluster/step-types.js';
import { runLoad, type LoadResult } from './load.js';

const keyCount = Number(process.env.BENCH_REBALANCE_KEYS ?? 1_000_000);
const batchKeys = 100; // what the control plane plans (migrateBatchKeys)
const concurrency = 32;
const value = 'x'.repeat(100);

async function fill(client: Cluster): Promise<void> {
  for (let start = 0; start < keyCount; start += 20_000) {
    const writes: Promise<unknown>[] = [];
    for (let i = start; i < Math.min(keyCount, start + 20_000); i += 1)
      writes.push(client.set(`k:${i}`, value));
    await Promise.all(writes);
  }
}

/** Moves 4096 slots to `to`: the first 1365/1365/1366 slots of each old primary's range. */
function moveSteps(from: NodeRef[], to: NodeRef): StepSpec[] {
  const shares = [1365, 1365, 1366];
  const starts = [0, 5461, 10923];
  return from.map((node, i) => ({
    kind: 'migrate-slots' as const,
    from: node,
    to,
    ranges: [{ start: starts[i] ?? 0, end: (starts[i] ?? 0) + (shares[i] ?? 0) - 1 }],
    batchKeys,
  }));
}

/**
 * Failed client calls, by error class (the reply's first word: MOVED, ASK, ...). A raw ioredis
 * client with auto-pipelining does not follow a MOVED/ASK that shares its pipeline with other
 * replies, so they show up here; cache-core's L2 driver re-sends such a command on its own.
 */
const failed = { calls: 0, byClass: {} as Record<string, number> };

function countFailure(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const name = /^[A-Z]+\b/.exec(message)?.[0] ?? message.slice(0, 40);
  failed.calls += 1;
  failed.byClass[name] = (failed.byClass[name] ?? 0) + 1;
}

const mixed = (client: Cluster) => (i: number) => {
  const key = `k:${Math.floor(Math.random() * keyCount)}`;
  const call = i % 2 === 0 ? client.get(key) : client.set(key, value);
  return call.catch(countFailure);
};

/** Runs the mixed load in 1 s windows until `done()`; returns ops/s over the whole time. */
async function loadUntil(
  client: Cluster,
  done: () => boolean,
): Promise<{ opsPerSec: number; windows: LoadResult[] }> {
  const windows: LoadResult[] = [];
  const started = performance.now();
  while (!done()) windows.push(await runLoad(mixed(client), concurrency, 1_000));
  const ops = windows.reduce((sum, w) => sum + w.ops, 0);
  return { opsPerSec: Math.round(ops / ((performance.now() - started) / 1000)), windows };
}

async function dbsizeTotal(client: Cluster): Promise<number> {
  const sizes = await Promise.all(client.nodes('master').map((node) => node.dbsize()));
  return sizes.reduce((a, b) => a + b, 0);
}

async function rebalance(credentials: ClusterCredentials, from: NodeRef[], to: NodeRef) {
  const started = performance.now();
  let keysMoved = 0;
  for (const step of moveSteps(from, to)) {
    const result = await runStepLocally(step, credentials);
    const checkpoint = result.checkpoint as { keysMoved?: number } | null;
    keysMoved += checkpoint?.keysMoved ?? 0;
  }
  return { seconds: (performance.now() - started) / 1000, keysMoved };
}

async function main(): Promise<void> {
  const servers = await startRedisNodes({ count: 4 });
  const credentials = { username: servers.username, password: servers.password };
  const refs = servers.nodes.map((n, i) => ({ nodeId: `bench-${i}`, host: n.host, port: n.port }));
  const [primaries, fourth] = [refs.slice(0, 3), refs[3]];
  if (!fourth) throw new Error('no 4th node');
  for (const step of createClusterSteps(primaries, 3)) await runStepLocally(step, credentials);
  await runStepLocally({ kind: 'meet', nodes: refs }, credentials);
  await runStepLocally({ kind: 'await-cluster-ok', nodes: refs }, credentials);
  const client = new Cluster(primaries, { redisOptions: credentials, enableAutoPipelining: true });
  try {
    await fill(client);
    const before = await runLoad(mixed(client), concurrency, 5_000);
    let moving = true;
    const during = loadUntil(client, () => !moving);
    const moved = await rebalance(credentials, primaries, fourth).finally(() => (moving = false));
    const load = await during;
    const keysAfter = await dbsizeTotal(client);
    const lines = [
      {
        bench: 'rebalance',
        keys: keyCount,
        slotsMoved: 4096,
        keysMoved: moved.keysMoved,
        seconds: Number(moved.seconds.toFixed(2)),
        keysPerSec: Math.round(moved.keysMoved / moved.seconds),
        keysAfter,
        keysLost: keyCount - keysAfter,
      },
      {
        bench: 'rebalance-throughput',
        concurrency,
        beforeOpsPerSec: before.opsPerSec,
        duringOpsPerSec: load.opsPerSec,
        ratio: Number((load.opsPerSec / before.opsPerSec).toFixed(3)),
        duringWorstWindowOpsPerSec: Math.min(...load.windows.map((w) => w.opsPerSec)),
        failedCalls: failed.calls,
        failedByClass: failed.byClass,
      },
    ];
    for (const line of lines) console.log(JSON.stringify(line));
    console.table(lines);
  } finally {
    client.disconnect();
    await servers.stop();
  }
}

await main();
