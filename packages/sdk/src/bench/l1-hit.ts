// `npm run bench -w @cachefleet/sdk`: a direct-mode SDK read served by its L1 near cache, next to
// `lru-cache`'s get, on the same keys in the same order, printed side by side as JSON lines.
// The SDK handle is the real one (control-plane answer given in process, Redis Cluster real); its
// L1 is filled by reading every key once from L2, so every timed read is an L1 hit.
import { Cluster } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { createCache } from '@cachefleet/cache-core';
import { startRedisCluster } from '@cachefleet/testing';
import type { NamespaceAccess } from '../access.js';
import { DirectNamespace } from '../direct/direct-namespace.js';

const entries = 10_000;
const opsPerRound = 200_000;
const rounds = 9;
const namespace = 'bench';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Pseudo-random (fixed seed) uniform key order, the worst case for both caches. */
function order(length: number): Uint32Array {
  const out = new Uint32Array(length);
  let state = 42;
  for (let i = 0; i < length; i++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    out[i] = state % entries;
  }
  return out;
}

/** This process's CPU time per op (preemption on a shared machine does not inflate it). */
async function nsPerOp(run: () => Promise<void> | void): Promise<number> {
  const start = process.cpuUsage();
  await run();
  const used = process.cpuUsage(start);
  return ((used.user + used.system) * 1000) / opsPerRound;
}

function access(nodes: { host: string; port: number }[]): NamespaceAccess {
  return {
    name: namespace,
    permission: 'read',
    policy: {
      writeMode: 'cache-aside',
      ttlSeconds: 3600,
      softTtlSeconds: null,
      jitter: 0,
      negativeTtlSeconds: null,
      l1MaxEntries: entries,
      l1MaxBytes: 64 << 20,
      maxKeyBytes: 1024,
      maxValueBytes: 1 << 20,
      tagsEnabled: false,
    },
    redis: { nodes, username: 'default', password: '' },
    agents: [],
  };
}

/** Writes every key to L2 through cache-core, the way an agent's write would land. */
async function fillL2(cluster: Cluster, keys: readonly string[]): Promise<void> {
  const writer = createCache<{ id: number }>({
    namespace,
    l1: false,
    l2: { client: cluster },
    policy: { writeMode: 'cache-aside', ttlMs: 3_600_000, jitter: 0 },
  });
  await writer.setMany(keys.map((key, i) => ({ key, value: { id: i } })));
  await writer.close();
}

type Round = () => Promise<number>;

/** Rounds of every subject alternate, so a burst of load elsewhere skews one round of each. */
async function measure(subjects: Record<string, Round>): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = {};
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(subjects)) (samples[name] ??= []).push(await run());
  }
  return Object.fromEntries(Object.entries(samples).map(([name, ns]) => [name, median(ns)]));
}

/** Share of a round's reads that L1 answered (the listener is removed again: unheard events are free). */
async function l1Share(sdk: DirectNamespace<unknown>, round: Round): Promise<number> {
  const hits = { l1: 0, l2: 0 };
  const count = ({ tier }: { tier: 'l1' | 'l2' }): void => {
    hits[tier]++;
  };
  const events = await sdk.events();
  events.on('hit', count);
  await round();
  events.off('hit', count);
  return hits.l1 / (hits.l1 + hits.l2);
}

function report(base: Record<string, number>, ns: Record<string, number>): void {
  const sdk = ns['sdk direct get (awaited)'] ?? NaN;
  for (const [subject, nsPerOp] of Object.entries(ns)) {
    console.log(JSON.stringify({ bench: 'sdk-direct-l1-hit', ...base, subject, nsPerOp }));
  }
  const ratios = {
    sdkVsLruCache: sdk / (ns['lru-cache get'] ?? NaN),
    sdkVsLruCacheAwaited: sdk / (ns['lru-cache get (awaited)'] ?? NaN),
  };
  console.log(JSON.stringify({ bench: 'sdk-direct-l1-hit', ...base, subject: 'ratio', ...ratios }));
}

async function main(): Promise<void> {
  const redis = await startRedisCluster(3);
  const cluster = new Cluster(redis.startupNodes);
  const keys = Array.from({ length: entries }, (_, i) => `user:${i}`);
  await fillL2(cluster, keys);
  const sdk = new DirectNamespace<{ id: number }>(namespace, {
    fetchAccess: () => Promise.resolve(access(redis.startupNodes)),
    apiKey: 'cfk_bench',
    fetch: globalThis.fetch,
    timeoutMs: 10_000,
  });
  const lru = new LRUCache<string, { id: number }>({ max: entries });
  for (const [i, key] of keys.entries()) {
    await sdk.get(key);
    lru.set(key, { id: i });
  }
  const sequence = order(opsPerRound);
  const sdkRound = () =>
    nsPerOp(async () => {
      for (const i of sequence) await sdk.get(keys[i] ?? '');
    });
  const l1HitShare = await l1Share(sdk, sdkRound);
  const ns = await measure({
    'sdk direct get (awaited)': sdkRound,
    'lru-cache get': () =>
      nsPerOp(() => {
        for (const i of sequence) lru.get(keys[i] ?? '');
      }),
    'lru-cache get (awaited)': () =>
      nsPerOp(async () => {
        for (const i of sequence) await Promise.resolve(lru.get(keys[i] ?? ''));
      }),
  });
  report({ entries, opsPerRound, rounds, l1HitShare }, ns);
  await sdk.close();
  cluster.disconnect();
  await redis.stop();
}

await main();
