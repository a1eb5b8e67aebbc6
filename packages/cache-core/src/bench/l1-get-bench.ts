import { LRUCache } from 'lru-cache';
import { L1Cache } from '../l1/l1-cache.js';
import { median, timeNsPerOp, type MicroBench, type MicroBenchResult } from './micro-bench.js';

const ENTRIES = 10_000;
const OPS_PER_ROUND = 2_000_000;
const ROUNDS = 7;

/**
 * Hit-path cost of `L1Cache.get` next to `lru-cache`'s `get`, in the same process and on the same
 * pseudo-random key sequence; rounds alternate between the two so drift in machine load hits both.
 * Every get is a hit: the cache holds all keys. Uniform keys are the worst case for both (every
 * access a random memory location); Zipf-distributed keys are closer to real traffic.
 */
export const l1GetBench: MicroBench = {
  name: 'l1-get-hit',
  run: () => measure('l1-get-hit', uniformOrder(1 << 16, ENTRIES)),
};

export const l1GetZipfBench: MicroBench = {
  name: 'l1-get-hit-zipf',
  run: () => measure('l1-get-hit-zipf', zipfOrder(1 << 16, ENTRIES, 0.9)),
};

function measure(bench: string, order: Uint32Array): MicroBenchResult {
  const keys = Array.from({ length: ENTRIES }, (_, i) => `user:${i}`);
  const ours = new L1Cache<number>({ maxEntries: ENTRIES });
  const reference = new LRUCache<string, number>({ max: ENTRIES });
  keys.forEach((key, i) => {
    ours.set(key, i);
    reference.set(key, i);
  });
  const ourGet = (i: number): void => void ours.get(keys[order[i & 0xffff] ?? 0] ?? '');
  const referenceGet = (i: number): void => void reference.get(keys[order[i & 0xffff] ?? 0] ?? '');
  timeNsPerOp(OPS_PER_ROUND, ourGet);
  timeNsPerOp(OPS_PER_ROUND, referenceGet);
  const oursNs: number[] = [];
  const referenceNs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    oursNs.push(timeNsPerOp(OPS_PER_ROUND, ourGet));
    referenceNs.push(timeNsPerOp(OPS_PER_ROUND, referenceGet));
  }
  const cachefleetNsPerOp = round2(median(oursNs));
  const lruCacheNsPerOp = round2(median(referenceNs));
  return {
    bench,
    entries: ENTRIES,
    opsPerRound: OPS_PER_ROUND,
    rounds: ROUNDS,
    cachefleetNsPerOp,
    lruCacheNsPerOp,
    ratio: round2(cachefleetNsPerOp / lruCacheNsPerOp),
  };
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
