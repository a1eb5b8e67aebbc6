import { describe, expect, it, vi } from 'vitest';
import { L1Cache, type EvictionReason } from '../../src/l1/index.js';
import { random } from './workloads.js';

type Evicted = [key: string, value: number, reason: EvictionReason];

function recording(options: ConstructorParameters<typeof L1Cache<number>>[0] = { maxEntries: 10 }) {
  const evicted: Evicted[] = [];
  const cache = new L1Cache<number>({
    ...options,
    onEvict: (key, value, reason) => evicted.push([key, value, reason]),
  });
  return { cache, evicted };
}

describe('L1Cache basics', () => {
  it('returns what was set, and undefined for what was not', () => {
    const cache = new L1Cache<string>({ maxEntries: 10 });
    expect(cache.set('a', 'alpha')).toBe(true);
    expect(cache.get('a')).toBe('alpha');
    expect(cache.peek('a')).toBe('alpha');
    expect(cache.has('a')).toBe(true);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.has('b')).toBe(false);
    cache.set('a', 'again');
    expect(cache.get('a')).toBe('again');
    expect(cache.size).toBe(1);
    expect([...cache.keys()]).toEqual(['a']);
  });

  it('keeps signed 64-bit keys distinct (keys are strings, never numbers)', () => {
    const cache = new L1Cache<number>({ maxEntries: 10 });
    cache.set('-7642028453680059184', 1);
    cache.set('-7642028453680059185', 2);
    expect(cache.get('-7642028453680059184')).toBe(1);
    expect(cache.get('-7642028453680059185')).toBe(2);
  });

  it('refuses bounds and weights it cannot honour', () => {
    expect(() => new L1Cache({})).toThrow(RangeError);
    expect(() => new L1Cache({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => new L1Cache({ maxEntries: 1.5 })).toThrow(RangeError);
    expect(() => new L1Cache({ maxWeight: -1 })).toThrow(RangeError);
    const cache = new L1Cache<number>({ maxEntries: 10 });
    expect(() => cache.set('a', 1, { weight: -1 })).toThrow(RangeError);
    expect(() => cache.set('a', 1, { weight: Number.NaN })).toThrow(RangeError);
    expect(() => cache.set('a', 1, { maxAgeMs: 0 })).toThrow(RangeError);
    expect(cache.size).toBe(0);
  });
});

describe('L1Cache bounds', () => {
  it('never holds more entries than maxEntries', () => {
    const { cache, evicted } = recording({ maxEntries: 100 });
    const next = random(3);
    for (let i = 0; i < 20_000; i++) {
      const key = `k${Math.floor(next() * 1000)}`;
      if (cache.get(key) === undefined) cache.set(key, i);
      expect(cache.size).toBeLessThanOrEqual(100);
    }
    expect(cache.size).toBe(100);
    expect(evicted.every(([, , reason]) => reason === 'size')).toBe(true);
  });

  it('never holds more weight than maxWeight, and weightedSize is the sum of what is held', () => {
    const weights = new Map<string, number>();
    const { cache } = recording({ maxWeight: 10_000 });
    const next = random(5);
    for (let i = 0; i < 20_000; i++) {
      const key = `k${Math.floor(next() * 500)}`;
      const weight = 1 + Math.floor(next() * 400);
      if (cache.get(key) === undefined) {
        cache.set(key, i, { weight });
        weights.set(key, weight);
      }
      expect(cache.weightedSize).toBeLessThanOrEqual(10_000);
    }
    const held = [...cache.keys()].reduce((sum, key) => sum + (weights.get(key) ?? 0), 0);
    expect(cache.weightedSize).toBe(held);
  });

  it('honours both bounds at once', () => {
    const cache = new L1Cache<number>({ maxEntries: 50, maxWeight: 1_000 });
    for (let i = 0; i < 5_000; i++) {
      cache.set(`k${i % 300}`, i, { weight: i % 2 === 0 ? 1 : 60 });
      expect(cache.size).toBeLessThanOrEqual(50);
      expect(cache.weightedSize).toBeLessThanOrEqual(1_000);
    }
  });

  it('does not store a value heavier than maxWeight, and drops the old value of that key', () => {
    const { cache, evicted } = recording({ maxWeight: 100 });
    cache.set('big', 1, { weight: 10 });
    expect(cache.set('big', 2, { weight: 101 })).toBe(false);
    expect(cache.get('big')).toBeUndefined();
    expect(cache.weightedSize).toBe(0);
    expect(evicted).toEqual([['big', 1, 'size']]);
  });

  it('re-applies the bounds when an update makes an entry heavier', () => {
    const cache = new L1Cache<number>({ maxWeight: 100 });
    for (let i = 0; i < 10; i++) cache.set(`k${i}`, i, { weight: 10 });
    cache.set('k0', 0, { weight: 50 });
    expect(cache.weightedSize).toBeLessThanOrEqual(100);
  });
});

describe('L1Cache max-age', () => {
  it('treats an expired entry as absent, removes it and reports it as expired', () => {
    let now = 1_000;
    const { cache, evicted } = recording({ maxEntries: 10, clock: () => now });
    cache.set('a', 1, { maxAgeMs: 100 });
    cache.set('b', 2);
    now += 99;
    expect(cache.get('a')).toBe(1);
    now += 1;
    expect(cache.has('a')).toBe(false);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(1);
    expect(evicted).toEqual([['a', 1, 'expired']]);
    expect(cache.get('b')).toBe(2);
  });

  it('applies defaultMaxAgeMs, and a rewrite restarts the clock', () => {
    let now = 0;
    const cache = new L1Cache<number>({ maxEntries: 10, defaultMaxAgeMs: 50, clock: () => now });
    cache.set('a', 1);
    now = 40;
    cache.set('a', 2);
    now = 80;
    expect(cache.peek('a')).toBe(2);
    expect([...cache.keys()]).toEqual(['a']);
    now = 90;
    expect([...cache.keys()]).toEqual([]);
    expect(cache.peek('a')).toBeUndefined();
  });

  it('lets a hit use a clock reading up to clockResolutionMs old, then sees the expiry', () => {
    vi.useFakeTimers();
    try {
      let now = 1_000;
      const cache = new L1Cache<number>({
        maxEntries: 10,
        clock: () => now,
        clockResolutionMs: 10,
      });
      cache.set('a', 1, { maxAgeMs: 100 });
      expect(cache.get('a')).toBe(1);
      now = 1_100;
      expect(cache.get('a')).toBe(1);
      vi.advanceTimersByTime(10);
      expect(cache.get('a')).toBeUndefined();
      expect(cache.size).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    expect(() => new L1Cache({ maxEntries: 1, clockResolutionMs: -1 })).toThrow(RangeError);
  });

  it('makes room by dropping an expired entry, whatever its frequency, and reports it as expired', () => {
    let now = 0;
    const { cache, evicted } = recording({ maxEntries: 1, clock: () => now });
    cache.set('old', 1, { maxAgeMs: 10 });
    for (let i = 0; i < 5; i++) cache.get('old');
    now = 20;
    expect(cache.set('new', 2)).toBe(true);
    expect(cache.get('new')).toBe(2);
    expect(evicted).toEqual([['old', 1, 'expired']]);
  });
});

describe('L1Cache removal', () => {
  it('delete removes one entry and reports it as explicit', () => {
    const { cache, evicted } = recording();
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.delete('a')).toBe(true);
    expect(cache.delete('a')).toBe(false);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
    expect(evicted).toEqual([['a', 1, 'explicit']]);
  });

  it('clear removes everything, reports each entry, and the cache stays usable', () => {
    const { cache, evicted } = recording({ maxEntries: 10, maxWeight: 100 });
    for (let i = 0; i < 5; i++) cache.set(`k${i}`, i, { weight: 3 });
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.weightedSize).toBe(0);
    expect(evicted.map(([key, , reason]) => `${key}:${reason}`).sort()).toEqual(
      ['k0', 'k1', 'k2', 'k3', 'k4'].map((key) => `${key}:explicit`),
    );
    for (let i = 0; i < 30; i++) cache.set(`n${i}`, i, { weight: 3 });
    expect(cache.size).toBe(10);
    expect(cache.weightedSize).toBe(30);
    for (const key of cache.keys()) expect(cache.get(key)).toBe(Number(key.slice(1)));
  });

  it('lets an eviction listener call back into the cache', () => {
    const seen: string[] = [];
    const cache: L1Cache<number> = new L1Cache<number>({
      maxEntries: 3,
      onEvict: (key) => {
        seen.push(key);
        if (!key.startsWith('echo-')) cache.set(`echo-${key}`, 0);
      },
    });
    for (let i = 0; i < 20; i++) cache.set(`k${i}`, i);
    expect(cache.size).toBeLessThanOrEqual(3);
    expect(seen.length).toBeGreaterThan(0);
  });
});
