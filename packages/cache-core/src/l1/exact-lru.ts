import { Entry } from './entry.js';
import { EntryList } from './entry-list.js';

/**
 * Textbook LRU bounded by entry count: the reference policy in the hit-ratio benchmarks, kept
 * deliberately free of any cleverness so its numbers match published LRU figures exactly.
 */
export class ExactLru<V> {
  private readonly map = new Map<string, Entry<V>>();
  private readonly order = new EntryList<V>();

  constructor(readonly maxEntries: number) {
    if (!(Number.isInteger(maxEntries) && maxEntries > 0)) {
      throw new RangeError(`maxEntries must be a positive integer, got ${String(maxEntries)}`);
    }
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    this.order.moveToBack(entry);
    return entry.value;
  }

  peek(key: string): V | undefined {
    return this.map.get(key)?.value;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  set(key: string, value: V): void {
    const existing = this.map.get(key);
    if (existing !== undefined) {
      existing.value = value;
      this.order.moveToBack(existing);
      return;
    }
    const entry = new Entry(key, value);
    this.map.set(key, entry);
    this.order.pushBack(entry);
    if (this.map.size > this.maxEntries) {
      const eldest = this.order.first();
      if (eldest !== undefined) this.delete(eldest.key);
    }
  }

  delete(key: string): boolean {
    const entry = this.map.get(key);
    if (entry === undefined) return false;
    this.map.delete(key);
    this.order.remove(entry);
    return true;
  }

  /** Keys from least to most recently used. */
  *keys(): IterableIterator<string> {
    for (let entry = this.order.first(); entry !== undefined; entry = this.next(entry))
      yield entry.key;
  }

  private next(entry: Entry<V>): Entry<V> | undefined {
    return entry.next === this.order.head ? undefined : entry.next;
  }
}
