import { NONE, type SlotStore } from './slot-store.js';

/**
 * Circular doubly-linked list of slots through the store's next/prev arrays, ordered from least to
 * most recently used, with a sentinel slot so that link and unlink need no empty-list branches. It
 * keeps its entry count and total weight so region bounds are O(1) to test.
 */
export class SlotList {
  count = 0;
  weight = 0;

  constructor(
    private readonly store: SlotStore<unknown>,
    readonly head: number,
  ) {
    this.clear();
  }

  /** Least recently used slot, or NONE. */
  first(): number {
    const first = this.store.next[this.head] ?? this.head;
    return first === this.head ? NONE : first;
  }

  pushBack(slot: number): void {
    this.link(slot);
    this.count++;
    this.weight += this.store.weight(slot);
  }

  remove(slot: number): void {
    this.unlink(slot);
    this.count--;
    this.weight -= this.store.weight(slot);
  }

  moveToBack(slot: number): void {
    const { next, prev } = this.store;
    const after = next[slot] ?? this.head;
    if (after === this.head) return;
    const before = prev[slot] ?? this.head;
    next[before] = after;
    prev[after] = before;
    const tail = prev[this.head] ?? this.head;
    prev[slot] = tail;
    next[slot] = this.head;
    next[tail] = slot;
    prev[this.head] = slot;
  }

  clear(): void {
    this.store.next[this.head] = this.head;
    this.store.prev[this.head] = this.head;
    this.count = 0;
    this.weight = 0;
  }

  private link(slot: number): void {
    const { next, prev } = this.store;
    const tail = prev[this.head] ?? this.head;
    prev[slot] = tail;
    next[slot] = this.head;
    next[tail] = slot;
    prev[this.head] = slot;
  }

  private unlink(slot: number): void {
    const { next, prev } = this.store;
    const before = prev[slot] ?? this.head;
    const after = next[slot] ?? this.head;
    next[before] = after;
    prev[after] = before;
  }
}
