/**
 * Hits waiting for the policy, as slots in hit order. A hit only appends here; the policy replays
 * the batch (counts, reordering, advisor) when it is full and before anything else it does, so it
 * sees every access in the order it happened and decides exactly as if it had seen each at once.
 * The hit path stays a few instructions that V8 always inlines into the caller, and the batch's
 * replay, one tight loop, overlaps the cache misses of independent entries.
 */
export class ReadBuffer {
  readonly slots: Int32Array;
  /** Room for the replay to put each hit's key hash beside its slot. */
  readonly hashes: Int32Array;
  count = 0;

  constructor(readonly capacity: number) {
    this.slots = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
  }

  /** Appends a slot; true when the buffer is now full and must be replayed. */
  push(slot: number): boolean {
    this.slots[this.count] = slot;
    return ++this.count === this.capacity;
  }

  /** Empties the buffer and returns how many slots it held (still readable in `slots`). */
  take(): number {
    const count = this.count;
    this.count = 0;
    return count;
  }
}
