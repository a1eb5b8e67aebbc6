import { describe, expect, it } from 'vitest';
import { EntryFrequencies } from '../../src/l1/entry-frequencies.js';
import { FrequencySketch } from '../../src/l1/frequency-sketch.js';
import { hashKey } from '../../src/l1/hash.js';
import { SlotStore } from '../../src/l1/slot-store.js';
import { random } from './workloads.js';

/** Entries held in a store, counted by EntryFrequencies, next to a sketch incremented on every hit. */
function setup(entries: number, capacity: number) {
  const store = new SlotStore<number>(entries);
  const frequencies = new EntryFrequencies(store, capacity);
  const reference = new FrequencySketch(capacity);
  const slots = Array.from({ length: entries }, (_, i) => {
    const hash = hashKey(`k${i}`);
    const slot = store.allocate(`k${i}`, i, 1, Infinity, hash);
    frequencies.onAdded(slot);
    reference.increment(hash);
    return slot;
  });
  const batch = new Int32Array(1);
  const hashes = new Int32Array(1);
  const hit = (slot: number): void => {
    batch[0] = slot;
    frequencies.touchAll(batch, hashes, 1, 0);
    reference.increment(store.hash(slot));
  };
  return { store, frequencies, reference, slots, hit };
}

describe('EntryFrequencies', () => {
  it('estimates exactly what an increment per hit gives, before and after hits are flushed', () => {
    // A sample far longer than the run: no aging, so the two must agree exactly.
    const { store, frequencies, reference, slots, hit } = setup(200, 100_000);
    const next = random(17);
    for (let i = 0; i < 5_000; i++) hit(slots[Math.floor(next() ** 3 * slots.length)] ?? 0);
    const estimate = (slot: number): number => reference.frequency(store.hash(slot));
    for (const slot of slots) expect(frequencies.frequency(slot)).toBe(estimate(slot));
    expect(slots.some((slot) => store.pending(slot) > 0)).toBe(true);
    for (const slot of slots) frequencies.flush(slot);
    for (const slot of slots) {
      expect(store.pending(slot)).toBe(0);
      expect(frequencies.frequency(slot)).toBe(estimate(slot));
    }
  });

  it('ages with the sketch: a hot entry ends at most one below per-hit counting', () => {
    // Sample size 10 × 20 = 200 additions: the 50 hits per round age the history repeatedly.
    const { frequencies, reference, store, slots, hit } = setup(8, 20);
    const hot = slots[0] ?? 0;
    for (let round = 0; round < 40; round++) {
      hit(hot);
      for (let i = 0; i < 49; i++) hit(slots[1 + (i % 7)] ?? 0);
      const exact = reference.frequency(store.hash(hot));
      const ours = frequencies.frequency(hot);
      expect(ours).toBeLessThanOrEqual(exact);
      expect(ours).toBeGreaterThanOrEqual(exact - 1);
    }
  });
});
