import { LRUCache } from 'lru-cache';
import { L1Cache } from '../l1/l1-cache.js';
import { median, timeNsPerOp, type MicroBench, type MicroBenchResult } from './micro-bench.js';

const ENTRIES = 10_000;
const OPS_PER_ROUND = 2_000_000;
const ROUNDS = 7;

/**
 * Hit-path cost of `L1Cache.get` next to `lru-cache`'s `get`, in the same process and on the same
 * pseudo-random key sequence; rounds alternate between the two so drift in machine load hits both.
 * Every get is a hit: the cache holds all keys.
 */
export const l1GetBench: MicroBench = {
  name: 'l1-get-hit',
  run(): MicroBenchResult {
    const keys = Array.from({ length: ENTRIES }, (_, i) => `user:${i}`);
    const order = randomOrder(1 << 16, ENTRIES);
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
      bench: 'l1-get-hit',
      entries: ENTRIES,
      opsPerRound: OPS_PER_ROUND,
      rounds: ROUNDS,
      cachefleetNsPerOp,
      lruCacheNsPerOp,
      ratio: round2(cachefleetNsPerOp / lruCacheNsPerOp),
    };
  },
};

/** Deterministic uniform key indices (xorshift32), so both caches see the same sequence. */
function randomOrder(length: number, range: number): Uint32Array {
  const order = new Uint32Array(length);
  let x = 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    order[i] = (x >>> 0) % range;
  }
  return order;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
