import { describe, expect, it } from 'vitest';
import { HashIndex } from '../../src/l1/hash-index.js';
import { random } from './workloads.js';

describe('HashIndex', () => {
  it('agrees with a Map through random adds and deletes, crowded and wrapping around', () => {
    const slots = 64;
    const keys = new Int32Array(slots);
    const index = new HashIndex();
    index.reset(keys, slots);
    const model = new Map<number, number>();
    const free = Array.from({ length: slots }, (_, slot) => slot);
    const next = random(21);
    for (let i = 0; i < 50_000; i++) {
      // Few distinct keys, many of them colliding in a 128-entry table.
      const key = Math.floor(next() * 200) * 128 - 10_000;
      const held = model.get(key);
      expect(index.get(key)).toBe(held ?? -1);
      if (held !== undefined && next() < 0.5) {
        index.delete(key);
        model.delete(key);
        free.push(held);
      } else if (held === undefined && free.length > 0) {
        const slot = free.pop() ?? 0;
        keys[slot] = key;
        index.set(key, slot);
        model.set(key, slot);
      }
    }
    for (const [key, slot] of model) expect(index.get(key)).toBe(slot);
  });

  it('forgets everything on reset', () => {
    const keys = Int32Array.from([7, 8]);
    const index = new HashIndex();
    index.reset(keys, 2);
    index.set(7, 0);
    index.set(8, 1);
    expect(index.get(8)).toBe(1);
    index.reset(keys, 2);
    expect(index.get(7)).toBe(-1);
  });
});
