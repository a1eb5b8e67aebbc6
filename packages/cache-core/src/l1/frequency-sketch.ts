/**
 * Count-min sketch of 4-bit counters estimating how often each key was seen recently (TinyLFU).
 * Eight counters share a 32-bit word. A key's four counters (one per row) all live in one 64-byte
 * block, so an increment touches one cache line instead of four; the estimate is their minimum.
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

  /**
   * On every hit, so written out flat (a loop over the rows measured twice as slow): four counters of
   * one block, each bumped unless saturated.
   */
  increment(hash: number): void {
    const table = this.table;
    const h = Math.imul(hash, 0x9e3779b1);
    const block = ((h ^ (h >>> 16)) & this.blockMask) << BLOCK_SHIFT;
    const select = selector(hash);
    const i0 = block + (select & 3);
    const i1 = block + 4 + ((select >>> 2) & 3);
    const i2 = block + 8 + ((select >>> 4) & 3);
    const i3 = block + 12 + ((select >>> 6) & 3);
    const o0 = ((select >>> 8) & 7) << 2;
    const o1 = ((select >>> 11) & 7) << 2;
    const o2 = ((select >>> 14) & 7) << 2;
    const o3 = ((select >>> 17) & 7) << 2;
    let added = false;
    let word = table[i0] ?? 0;
    if (((word >>> o0) & COUNTER_MAX) !== COUNTER_MAX) {
      table[i0] = word + (1 << o0);
      added = true;
    }
    word = table[i1] ?? 0;
    if (((word >>> o1) & COUNTER_MAX) !== COUNTER_MAX) {
      table[i1] = word + (1 << o1);
      added = true;
    }
    word = table[i2] ?? 0;
    if (((word >>> o2) & COUNTER_MAX) !== COUNTER_MAX) {
      table[i2] = word + (1 << o2);
      added = true;
    }
    word = table[i3] ?? 0;
    if (((word >>> o3) & COUNTER_MAX) !== COUNTER_MAX) {
      table[i3] = word + (1 << o3);
      added = true;
    }
    if (added && ++this.additions >= this.sampleSize) this.age();
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
  private age(): void {
    let odd = 0;
    const table = this.table;
    for (let i = 0; i < table.length; i++) {
      const word = table[i] ?? 0;
      odd += popCount(word & ONE_MASK);
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

function popCount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
