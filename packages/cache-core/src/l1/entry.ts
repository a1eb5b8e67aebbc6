/** A node of `ExactLru`'s intrusive list; the sentinel links to itself when the list is empty. */
export class Entry<V> {
  key: string;
  value: V;
  prev: Entry<V>;
  next: Entry<V>;

  constructor(key: string, value: V) {
    this.key = key;
    this.value = value;
    this.prev = this;
    this.next = this;
  }
}
