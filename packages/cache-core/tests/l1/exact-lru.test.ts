import { describe, expect, it } from 'vitest';
import { ExactLru } from '../../src/l1/index.js';
import { random } from './workloads.js';

/** The obvious O(n) LRU: an array ordered from least to most recently used. */
class ArrayLru {
  readonly order: string[] = [];
  constructor(private readonly max: number) {}

  get(key: string): boolean {
    const at = this.order.indexOf(key);
    if (at < 0) return false;
    this.order.splice(at, 1);
    this.order.push(key);
    return true;
  }

  set(key: string): void {
    this.order.push(key);
    if (this.order.length > this.max) this.order.shift();
  }
}

describe('ExactLru', () => {
  it('evicts exactly the least recently used key', () => {
    const lru = new ExactLru<number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.has('b')).toBe(false);
    expect([...lru.keys()]).toEqual(['a', 'c']);
    expect(lru.peek('a')).toBe(1);
    expect([...lru.keys()]).toEqual(['a', 'c']);
  });

  it('agrees with a naive LRU on every request of a random stream', () => {
    const next = random(9);
    const lru = new ExactLru<true>(50);
    const model = new ArrayLru(50);
    for (let i = 0; i < 20_000; i++) {
      const key = String(Math.floor(next() * 120));
      const hit = lru.get(key) !== undefined;
      expect(hit).toBe(model.get(key));
      if (!hit) {
        lru.set(key, true);
        model.set(key);
      }
    }
    expect([...lru.keys()]).toEqual(model.order);
  });

  it('updates in place and deletes', () => {
    const lru = new ExactLru<number>(3);
    lru.set('a', 1);
    lru.set('a', 2);
    expect(lru.size).toBe(1);
    expect(lru.get('a')).toBe(2);
    expect(lru.delete('a')).toBe(true);
    expect(lru.delete('a')).toBe(false);
    expect(lru.size).toBe(0);
    expect(() => new ExactLru(0)).toThrow(RangeError);
  });
});
