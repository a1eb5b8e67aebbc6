import { NEXT, NONE, PREV, type SlotStore } from './slot-store.js';

/**
 * Circular doubly-linked list of slots through the store's link records, ordered from least to most
 * recently used, with a sentinel slot so that link and unlink need no empty-list branches. It keeps
 * its entry count and total weight so region bounds are O(1) to test.
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
    const first = this.store.links[(this.head << 3) | NEXT] ?? this.head;
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
    if (this.store.links[(slot << 3) | NEXT] === this.head) return;
    this.unlink(slot);
    this.link(slot);
  }

  clear(): void {
    const links = this.store.links;
    links[(this.head << 3) | NEXT] = this.head;
    links[(this.head << 3) | PREV] = this.head;
    this.count = 0;
    this.weight = 0;
  }

  private link(slot: number): void {
    const links = this.store.links;
    const head = this.head << 3;
    const tail = links[head | PREV] ?? this.head;
    links[(slot << 3) | PREV] = tail;
    links[(slot << 3) | NEXT] = this.head;
    links[(tail << 3) | NEXT] = slot;
    links[head | PREV] = slot;
  }

  private unlink(slot: number): void {
    const links = this.store.links;
    const before = links[(slot << 3) | PREV] ?? this.head;
    const after = links[(slot << 3) | NEXT] ?? this.head;
    links[(before << 3) | NEXT] = after;
    links[(after << 3) | PREV] = before;
  }
}
