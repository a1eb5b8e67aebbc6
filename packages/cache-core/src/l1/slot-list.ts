import { NONE, type SlotStore } from './slot-store.js';

/**
 * Circular doubly-linked list of slots through the store's `links` (see `SlotStore.links`), ordered
 * from least to most recently used, with a sentinel slot so that link and unlink need no empty-list
 * branches. It keeps its entry count and total weight so region bounds are O(1) to test.
 */
export class SlotList {
  count = 0;
  /** Total weight of the entries, kept only when `weighted`. */
  weight = 0;

  /**
   * `weighted` is false when no weight bound can be reached (maxWeight is Infinity): the list then
   * leaves `weight` alone rather than read each entry's weight, a line of its own, as it moves.
   */
  constructor(
    private readonly store: SlotStore<unknown>,
    readonly head: number,
    private readonly weighted: boolean,
  ) {
    this.clear();
  }

  /** Least recently used slot, or NONE. */
  first(): number {
    const first = this.store.links[this.head << 1] ?? this.head;
    return first === this.head ? NONE : first;
  }

  pushBack(slot: number): void {
    this.link(slot);
    this.count++;
    if (this.weighted) this.weight += this.store.weight(slot);
  }

  remove(slot: number): void {
    this.unlink(slot);
    this.count--;
    if (this.weighted) this.weight -= this.store.weight(slot);
  }

  moveToBack(slot: number): void {
    moveToBack(this.store.links, this.head, slot);
  }

  clear(): void {
    this.store.links[this.head << 1] = this.head;
    this.store.links[(this.head << 1) | 1] = this.head;
    this.count = 0;
    this.weight = 0;
  }

  private link(slot: number): void {
    const links = this.store.links;
    const head = this.head;
    const tail = links[(head << 1) | 1] ?? head;
    links[(slot << 1) | 1] = tail;
    links[slot << 1] = head;
    links[tail << 1] = slot;
    links[(head << 1) | 1] = slot;
  }

  private unlink(slot: number): void {
    const links = this.store.links;
    const before = links[(slot << 1) | 1] ?? this.head;
    const after = links[slot << 1] ?? this.head;
    links[before << 1] = after;
    links[(after << 1) | 1] = before;
  }
}

/**
 * Moves `slot` to the MRU end of the list whose sentinel is `head`, through the store's `links`: a
 * function of its own so that a loop can pass the array in a local.
 */
export function moveToBack(links: Int32Array, head: number, slot: number): void {
  const after = links[slot << 1] ?? head;
  if (after === head) return;
  const before = links[(slot << 1) | 1] ?? head;
  links[before << 1] = after;
  links[(after << 1) | 1] = before;
  const tail = links[(head << 1) | 1] ?? head;
  links[(slot << 1) | 1] = tail;
  links[slot << 1] = head;
  links[tail << 1] = slot;
  links[(head << 1) | 1] = slot;
}
