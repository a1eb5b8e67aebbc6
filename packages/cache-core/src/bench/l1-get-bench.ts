import { LRUCache } from 'lru-cache';
import { L1Cache } from '../l1/l1-cache.js';
import { median, type MicroBench, type MicroBenchResult } from './micro-bench.js';

const ENTRIES = 10_000;
const OPS_PER_ROUND = 1_000_000;
const ROUNDS = 15;

/**
 * Hit-path cost of `L1Cache.get` (the class a cache's L1 hit goes through) next to `lru-cache`'s
 * `get`, in the same process, on the same keys (the same string objects) and the same pseudo-random
 * order, both filled with every key so that every get is a hit. Rounds alternate and each ratio pairs
 * two neighbouring rounds, so a burst of load from elsewhere skews one pair, not the result; the time
 * is this process's CPU time, which preemption on a shared machine does not inflate. Uniform keys are
 * the worst case for both (every access a random memory location); Zipf-distributed keys are closer
 * to real traffic. The max-age variant gives every entry a max-age, as a cache's L1 does, and
 * lru-cache the same `ttl` (with its default 1 ms `ttlResolution`, as our default clock resolution).
 */
export const l1GetBench: MicroBench = {
  name: 'l1-get-hit',
  run: () => measure('l1-get-hit', uniformOrder(1 << 16, ENTRIES)),
};

export const l1GetZipfBench: MicroBench = {
  name: 'l1-get-hit-zipf',
  run: () => measure('l1-get-hit-zipf', zipfOrder(1 << 16, ENTRIES, 0.9)),
};

export const l1GetMaxAgeBench: MicroBench = {
  name: 'l1-get-hit-max-age',
  run: () => measure('l1-get-hit-max-age', uniformOrder(1 << 16, ENTRIES), MAX_AGE_MS),
};

export const l1GetZipfMaxAgeBench: MicroBench = {
  name: 'l1-get-hit-zipf-max-age',
  run: () => measure('l1-get-hit-zipf-max-age', zipfOrder(1 << 16, ENTRIES, 0.9), MAX_AGE_MS),
};

/** Long enough that nothing expires during the run: every get is still a hit. */
const MAX_AGE_MS = 3_600_000;

function measure(bench: string, order: Uint32Array, maxAgeMs?: number): MicroBenchResult {
  const keys = Array.from({ length: ENTRIES }, (_, i) => `user:${i}`);
  const ours = new L1Cache<number>({ maxEntries: ENTRIES, defaultMaxAgeMs: maxAgeMs });
  const reference = new LRUCache<string, number>({ max: ENTRIES, ttl: maxAgeMs });
  keys.forEach((key, i) => {
    ours.set(key, i);
    reference.set(key, i);
  });
  timeOurs(ours, keys, order);
  timeReference(reference, keys, order);
  const oursNs: number[] = [];
  const referenceNs: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const oursRound = timeOurs(ours, keys, order);
    const referenceRound = timeReference(reference, keys, order);
    oursNs.push(oursRound);
    referenceNs.push(referenceRound);
    ratios.push(oursRound / referenceRound);
  }
  return {
    bench,
    entries: ENTRIES,
    opsPerRound: OPS_PER_ROUND,
    rounds: ROUNDS,
    cachefleetNsPerOp: round2(median(oursNs)),
    lruCacheNsPerOp: round2(median(referenceNs)),
    ratio: round2(median(ratios)),
  };
}

// One loop per cache, each calling its `get` directly: a shared loop calling through a closure
// would dispatch polymorphically, a cost that both would pay and that would dilute the ratio.

function timeOurs(cache: L1Cache<number>, keys: readonly string[], order: Uint32Array): number {
  const start = process.cpuUsage();
  let sum = 0;
  for (let i = 0; i < OPS_PER_ROUND; i++) sum += cache.get(keys[order[i & 0xffff] ?? 0] ?? '') ?? 0;
  return cpuNsPerOp(start, sum);
}

function timeReference(
  cache: LRUCache<string, number>,
  keys: readonly string[],
  order: Uint32Array,
): number {
  const start = process.cpuUsage();
  let sum = 0;
  for (let i = 0; i < OPS_PER_ROUND; i++) sum += cache.get(keys[order[i & 0xffff] ?? 0] ?? '') ?? 0;
  return cpuNsPerOp(start, sum);
}

/** CPU ns per op since `start`; `sum` (every value read) is checked so the reads cannot be dropped. */
function cpuNsPerOp(start: NodeJS.CpuUsage, sum: number): number {
  if (sum < 0) throw new Error('impossible sum');
  const used = process.cpuUsage(start);
  return ((used.user + used.system) * 1000) / OPS_PER_ROUND;
}

/** Deterministic uniform numbers in [0, 1) (xorshift32), so both caches see the same sequence. */
function uniforms(length: number): Float64Array {
  const out = new Float64Array(length);
  let x = 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = (x >>> 0) / 2 ** 32;
  }
  return out;
}

function uniformOrder(length: number, range: number): Uint32Array {
  return Uint32Array.from(uniforms(length), (u) => Math.floor(u * range));
}

/** Key ranks drawn from a Zipf(s) law by inverting its cumulative distribution. */
function zipfOrder(length: number, range: number, s: number): Uint32Array {
  const cdf = new Float64Array(range);
  let total = 0;
  for (let rank = 0; rank < range; rank++) cdf[rank] = total += 1 / (rank + 1) ** s;
  return Uint32Array.from(uniforms(length), (u) => {
    let lo = 0;
    let hi = range - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] ?? 0) < u * total) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  });
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
