/**
 * Int32 key → slot index by open addressing with linear probing, in one typed array: a lookup is a
 * multiply, a mask and usually one probe, where a Map of numbers costs a hash call and a bucket
 * chain. Keys live with their owner (`keyOf(slot)`); the table holds slot + 1, 0 meaning empty.
 * Sized at twice the most slots it may hold, so probe runs stay short.
 */
export class HashIndex {
  private table = new Int32Array(2);
  private mask = 1;
  private keys: Int32Array = new Int32Array(0);

  /** Empties the index and sizes it for up to `slots` entries, whose keys are `keys[slot]`. */
  reset(keys: Int32Array, slots: number): void {
    this.keys = keys;
    let length = 2;
    while (length < 2 * slots) length *= 2;
    this.table = new Int32Array(length);
    this.mask = length - 1;
  }

  /** The slot holding `key`, or -1. */
  get(key: number): number {
    const table = this.table;
    for (let i = home(key) & this.mask; ; i = (i + 1) & this.mask) {
      const entry = table[i] ?? 0;
      if (entry === 0) return -1;
      if ((this.keys[entry - 1] ?? 0) === key) return entry - 1;
    }
  }

  /** Adds `key` (not present) as held by `slot`. */
  set(key: number, slot: number): void {
    const table = this.table;
    let i = home(key) & this.mask;
    while ((table[i] ?? 0) !== 0) i = (i + 1) & this.mask;
    table[i] = slot + 1;
  }

  /** Removes `key` (present), shifting later entries of its probe run back so lookups stay exact. */
  delete(key: number): void {
    const table = this.table;
    const mask = this.mask;
    let hole = home(key) & mask;
    while ((this.keys[(table[hole] ?? 0) - 1] ?? 0) !== key) hole = (hole + 1) & mask;
    for (let i = (hole + 1) & mask; ; i = (i + 1) & mask) {
      const entry = table[i] ?? 0;
      if (entry === 0) break;
      const want = home(this.keys[entry - 1] ?? 0) & mask;
      // Move the entry into the hole unless its home lies cyclically in (hole, i].
      if (((i - want) & mask) >= ((i - hole) & mask)) {
        table[hole] = entry;
        hole = i;
      }
    }
    table[hole] = 0;
  }
}

/** Keys are already well-mixed hashes; one multiply spreads any residual pattern over the mask. */
function home(key: number): number {
  const h = Math.imul(key, 0x9e3779b1);
  return h ^ (h >>> 16);
}
