/**
 * Count-min sketch of 4-bit counters estimating how often each key was seen recently (TinyLFU).
 * Eight counters share a 32-bit word. A key's four counters (one per row) all live in one 64-byte
 * block, so an update touches one cache line instead of four; the estimate is their minimum.
 * Hits on held entries do not come here one by one: the entry counts them and `add`s them later
 * (see `EntryFrequencies`).
 * After `sampleSize` increments every counter is halved, so the history ages and yesterday's hot
 * keys cannot block today's.
 */
const COUNTER_MAX = 15;
const HALF_MASK = 0x77777777;
const ONE_MASK = 0x11111111;
const BLOCK_SHIFT = 4;

export class FrequencySketch {
  private table = new Uint32Array(16);
  private blockMask = 0;
  private additions = 0;
  private sampleSize = 160;
  private capacity = 1;

  constructor(capacity: number) {
    this.ensureCapacity(capacity);
  }

  /** Sizes the table for `capacity` entries (16 counters each); growing forgets the history. */
  ensureCapacity(capacity: number): void {
    this.capacity = Math.max(1, capacity);
    this.sampleSize = 10 * this.capacity;
    const words = Math.max(16, Math.min(2 ** 26, 2 ** Math.ceil(Math.log2(2 * this.capacity))));
    if (words <= this.table.length) return;
    this.table = new Uint32Array(words);
    this.blockMask = (words >>> BLOCK_SHIFT) - 1;
    this.additions = 0;
  }

  get sizedFor(): number {
    return this.capacity;
  }

  frequency(hash: number): number {
    const block = this.blockOf(hash);
    const select = selector(hash);
    const a = this.counter(block + (select & 3), select >>> 8);
    const b = this.counter(block + 4 + ((select >>> 2) & 3), select >>> 11);
    const c = this.counter(block + 8 + ((select >>> 4) & 3), select >>> 14);
    const d = this.counter(block + 12 + ((select >>> 6) & 3), select >>> 17);
    return Math.min(Math.min(a, b), Math.min(c, d));
  }

  /** Counts one access of a key at once (a new entry). Returns the key's estimate after it. */
  increment(hash: number): number {
    const before = this.frequency(hash);
    const after = this.add(hash, 1);
    if (after > before && ++this.additions >= this.sampleSize) {
      this.age();
      return this.frequency(hash);
    }
    return after;
  }

  /** Accesses the caller may count (see `countAdditions`) before the sample is complete; at least 1. */
  get additionsLeft(): number {
    return Math.max(1, this.sampleSize - this.additions);
  }

  /**
   * Counts accesses whose increments the caller holds back (see `add`); true when the sample is
   * complete and the caller must call `age` once its held-back counts are in order.
   */
  countAdditions(count: number): boolean {
    this.additions += count;
    return this.additions >= this.sampleSize;
  }

  /**
   * Adds `count` accesses to a key's four counters at once, each saturating: the same counters as
   * `count` increments, without counting additions (the caller counted them as they happened).
   * Returns the key's estimate after it.
   */
  add(hash: number, count: number): number {
    const table = this.table;
    const block = this.blockOf(hash);
    const select = selector(hash);
    let estimate = COUNTER_MAX;
    for (let row = 0; row < 4; row++) {
      const index = block + (row << 2) + ((select >>> (row << 1)) & 3);
      const shift = ((select >>> (8 + 3 * row)) & 7) << 2;
      const word = table[index] ?? 0;
      const value = Math.min(COUNTER_MAX, ((word >>> shift) & COUNTER_MAX) + count);
      table[index] = (word & ~(COUNTER_MAX << shift)) | (value << shift);
      estimate = Math.min(estimate, value);
    }
    return estimate;
  }

  clear(): void {
    this.table.fill(0);
    this.additions = 0;
  }

  private blockOf(hash: number): number {
    const h = Math.imul(hash, 0x9e3779b1);
    return ((h ^ (h >>> 16)) & this.blockMask) << BLOCK_SHIFT;
  }

  /** Counter `nibble & 7` of word `index`. */
  private counter(index: number, nibble: number): number {
    return ((this.table[index] ?? 0) >>> ((nibble & 7) << 2)) & COUNTER_MAX;
  }

  /** Halves every counter; the additions count drops by the halving's truncation error too. */
  age(): void {
    let odd = 0;
    const table = this.table;
    for (let i = 0; i < table.length; i++) {
      const word = table[i] ?? 0;
      odd += oddCounters(word);
      table[i] = (word >>> 1) & HALF_MASK;
    }
    this.additions = (this.additions - (odd >>> 2)) >>> 1;
  }
}

/** Bits choosing the word of each row within the block and the counter within each word. */
function selector(hash: number): number {
  const h = Math.imul(hash ^ (hash >>> 15), 0x85ebca6b);
  return h ^ (h >>> 13);
}

/**
 * How many of the word's eight counters are odd: their low bits (`ONE_MASK`) summed by one multiply,
 * which adds every nibble into the top one (at most 8, so no nibble carries into the next).
 */
function oddCounters(word: number): number {
  return Math.imul(word & ONE_MASK, ONE_MASK) >>> 28;
}
