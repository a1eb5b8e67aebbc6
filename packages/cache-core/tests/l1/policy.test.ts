import { describe, expect, it } from 'vitest';
import { ExactLru, L1Cache } from '../../src/l1/index.js';
import { replay } from '../../src/bench/replay.js';
import { loop, scanWithHotSet, shortReuse } from './workloads.js';

function hitRatios(
  keys: readonly string[],
  size: number,
): { lru: number; ours: number; cache: L1Cache<true> } {
  const cache = new L1Cache<true>({ maxEntries: size });
  const lru = replay(keys, new ExactLru<true>(size)).hits / keys.length;
  const ours = replay(keys, cache).hits / keys.length;
  return { lru, ours, cache };
}

describe('adaptive policy', () => {
  it('keeps a hot set through a scan that flushes LRU', () => {
    const { lru, ours } = hitRatios(scanWithHotSet(200_000, 300), 400);
    expect(ours).toBeGreaterThan(lru + 0.1);
  });

  it('matches LRU within a point when only recency matters', () => {
    for (const size of [100, 400, 2000]) {
      const { lru, ours } = hitRatios(shortReuse(150_000, 80), size);
      expect(ours).toBeGreaterThan(lru - 0.01);
    }
  });

  it('holds most of a loop that LRU cannot hold at all', () => {
    const { lru, ours } = hitRatios(loop(100_000, 1_100), 1_000);
    expect(lru).toBe(0);
    expect(ours).toBeGreaterThan(0.8);
  });

  it('follows a workload that switches from recency to a loop and back', () => {
    const keys = [
      ...shortReuse(60_000, 80, 1),
      ...loop(200_000, 600),
      ...shortReuse(60_000, 80, 2),
    ];
    const { lru, ours, cache } = hitRatios(keys, 500);
    expect(ours).toBeGreaterThan(lru + 0.2);
    const tail = shortReuse(60_000, 80, 3);
    const before = replay(tail, new ExactLru<true>(500)).hits;
    expect(replay(tail, cache).hits).toBeGreaterThan(before * 0.97);
  });
});
