import { Entry } from './entry.js';

/**
 * Circular doubly-linked list with a sentinel, ordered from least to most recently used; the sentinel
 * removes every null check from link and unlink.
 */
export class EntryList<V> {
  readonly head: Entry<V>;

  constructor() {
    // The sentinel's value is never read: first()/last() and every walk stop at the sentinel.
    this.head = new Entry<V>('', undefined as V);
  }

  /** Least recently used entry, or undefined when the list is empty. */
  first(): Entry<V> | undefined {
    const first = this.head.next;
    return first === this.head ? undefined : first;
  }

  /** Most recently used entry, or undefined when the list is empty. */
  last(): Entry<V> | undefined {
    const last = this.head.prev;
    return last === this.head ? undefined : last;
  }

  pushBack(entry: Entry<V>): void {
    const tail = this.head.prev;
    entry.prev = tail;
    entry.next = this.head;
    tail.next = entry;
    this.head.prev = entry;
  }

  remove(entry: Entry<V>): void {
    entry.prev.next = entry.next;
    entry.next.prev = entry.prev;
    entry.prev = entry;
    entry.next = entry;
  }

  moveToBack(entry: Entry<V>): void {
    if (entry.next === this.head) return;
    entry.prev.next = entry.next;
    entry.next.prev = entry.prev;
    const tail = this.head.prev;
    entry.prev = tail;
    entry.next = this.head;
    tail.next = entry;
    this.head.prev = entry;
  }

  clear(): void {
    this.head.prev = this.head;
    this.head.next = this.head;
  }
}
