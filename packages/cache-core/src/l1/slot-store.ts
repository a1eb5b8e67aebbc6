/**
 * Region of the W-TinyLFU layout a slot lives in; each number is also the slot of that region's list
 * sentinel. Probation is kept as two lists, entries admitted from the window and entries demoted
 * from protected, because each arrives in last-access order: every list stays sorted by recency, so
 * the least recently used entry of any region is one of the list heads.
 */
export const WINDOW = 0;
export const PROBATION = 1;
export const DEMOTED = 2;
export const PROTECTED = 3;
export type Region = typeof WINDOW | typeof PROBATION | typeof DEMOTED | typeof PROTECTED;

/** Fields of a slot's record in `records` (at `slot << 2`). */
const VALUE = 0;
/** Key hash, computed once on insert and reused by the sketch on every hit. */
const HASH = 1;
/** Region in bits 0-1; EXPIRING set when the entry has a max-age; then the entry's own counts. */
const FLAGS = 2;
/** Policy tick of the last access (wrapping int32); orders entries across regions. */
const STAMP = 3;
const REGION_MASK = 3;
const EXPIRING = 4;
/**
 * The entry's frequency estimate (4 bits, as the sketch's counters) and its hits not yet added to
 * the sketch (4 bits; never more than the estimate). A hit bumps both with one add.
 */
const ESTIMATE_SHIFT = 3;
const PENDING_SHIFT = 7;
const COUNT_MAX = 15;
const ESTIMATE_BITS = COUNT_MAX << ESTIMATE_SHIFT;
const HIT = (1 << ESTIMATE_SHIFT) | (1 << PENDING_SHIFT);
const COUNTS_MASK = (COUNT_MAX << ESTIMATE_SHIFT) | (COUNT_MAX << PENDING_SHIFT);
/** Where each count's upper three bits land after a shift right by one: both counts halved. */
const HALF_COUNTS_MASK = (7 << ESTIMATE_SHIFT) | (7 << PENDING_SHIFT);

/** "No slot": what list heads return when empty. */
export const NONE = -1;
export const FIRST_SLOT = 4;
const INITIAL_SLOTS = 1024;

/**
 * Entries as slots of parallel arrays, the layout `lru-cache` uses: the key map yields a small
 * integer and a hit touches a few compact arrays rather than a web of objects. Measured on a busy
 * machine, every extra cache line a hit touches costs about as much as lru-cache's whole get, so
 * what a hit needs besides the links (value, hash, region, own counts, recency stamp) sits in one
 * 32-byte record of a plain array, next to the value that must be read anyway. Small integers are
 * stored unboxed there. Freed slots are reused; the arrays double when full, up to `maxSlots`.
 */
export class SlotStore<V> {
  keys: string[] = [];
  /**
   * List links, side by side so that a slot's own two are one read: the next slot at `slot << 1`,
   * the previous at `(slot << 1) | 1`.
   */
  links = new Int32Array(0);
  /** Integer weights (e.g. bytes), read when an entry changes list. */
  weights = new Int32Array(0);
  expiry = new Float64Array(0);
  /** Per slot at `slot << 2`: VALUE, HASH, FLAGS, STAMP; values are V, the rest small integers. */
  private records: unknown[] = [];
  private freeSlots = new Int32Array(0);
  private freeCount = 0;
  /** Slots below this have been handed out at least once; free ones among them hold no pending hits. */
  highWater = FIRST_SLOT;
  /** Counted hits of the last `touchRun`. */
  runCounted = 0;

  constructor(private readonly maxSlots: number) {
    this.resize(Math.min(INITIAL_SLOTS, maxSlots + FIRST_SLOT));
  }

  allocate(key: string, value: V, weight: number, expiresAt: number, hash: number): number {
    let slot: number;
    if (this.freeCount > 0) slot = this.freeSlots[--this.freeCount] ?? NONE;
    else {
      if (this.highWater === this.weights.length) {
        this.resize(Math.min(2 * this.weights.length, this.maxSlots + FIRST_SLOT));
      }
      slot = this.highWater++;
    }
    const record = slot << 2;
    this.keys[slot] = key;
    this.records[record | VALUE] = value;
    this.records[record | HASH] = hash;
    this.records[record | FLAGS] = 0;
    this.records[record | STAMP] = 0;
    this.weights[slot] = weight;
    this.setExpiresAt(slot, expiresAt);
    return slot;
  }

  /** The value of a live slot (present by construction, whatever V admits). */
  value(slot: number): V {
    return this.records[(slot << 2) | VALUE] as V;
  }

  setValue(slot: number, value: V): void {
    this.records[(slot << 2) | VALUE] = value;
  }

  hash(slot: number): number {
    return this.records[(slot << 2) | HASH] as number;
  }

  region(slot: number): Region {
    return ((this.records[(slot << 2) | FLAGS] as number) & REGION_MASK) as Region;
  }

  setRegion(slot: number, region: Region): void {
    const record = (slot << 2) | FLAGS;
    this.records[record] = ((this.records[record] as number) & ~REGION_MASK) | region;
  }

  /**
   * Records the hits `slots[from..to)` in order, each in one read and one write of the entry's record:
   * the recency stamp `tick + i + 1` for `slots[i]`, and one more pending hit unless the estimate is
   * saturated (a saturated counter ignores increments). Copies each hit's hash into `hashes` at the
   * same index. Stops early after the hit that brings the counted hits to `budget`, the sketch's
   * additions left before it ages (aging halves the counts later hits read), and returns the index
   * after the last hit recorded; `runCounted` then holds how many of them were counted.
   */
  touchRun(
    slots: Int32Array,
    hashes: Int32Array,
    from: number,
    to: number,
    tick: number,
    budget: number,
  ): number {
    const records = this.records;
    let left = budget;
    let i = from;
    while (i < to) {
      const record = (slots[i] as number) << 2;
      hashes[i] = records[record | HASH] as number;
      records[record | STAMP] = (tick + ++i) | 0;
      const flags = records[record | FLAGS] as number;
      if ((flags & ESTIMATE_BITS) !== ESTIMATE_BITS) {
        records[record | FLAGS] = flags + HIT;
        if (--left === 0) break;
      }
    }
    this.runCounted = budget - left;
    return i;
  }

  /** Hits counted in the entry and not yet added to the sketch. */
  pending(slot: number): number {
    return ((this.records[(slot << 2) | FLAGS] as number) >>> PENDING_SHIFT) & COUNT_MAX;
  }

  /** Sets the estimate and clears the pending hits (the sketch holds them now). */
  setEstimate(slot: number, estimate: number): void {
    const record = (slot << 2) | FLAGS;
    const flags = (this.records[record] as number) & ~COUNTS_MASK;
    this.records[record] = flags | (estimate << ESTIMATE_SHIFT);
  }

  /** Halves every entry's estimate and pending hits, as the sketch halves its counters. */
  halveCounts(): void {
    const records = this.records;
    const end = this.highWater << 2;
    for (let record = (FIRST_SLOT << 2) | FLAGS; record < end; record += 4) {
      const flags = records[record] as number;
      records[record] = (flags & ~COUNTS_MASK) | ((flags >>> 1) & HALF_COUNTS_MASK);
    }
  }

  stamp(slot: number): number {
    return this.records[(slot << 2) | STAMP] as number;
  }

  setStamp(slot: number, stamp: number): void {
    this.records[(slot << 2) | STAMP] = stamp;
  }

  weight(slot: number): number {
    return this.weights[slot] ?? 0;
  }

  /** Whether the entry has a max-age at all. */
  expiring(slot: number): boolean {
    return ((this.records[(slot << 2) | FLAGS] as number) & EXPIRING) !== 0;
  }

  /** Expiry time, or Infinity; reads the expiry array only for entries that have a max-age. */
  expiresAt(slot: number): number {
    const flags = this.records[(slot << 2) | FLAGS] as number;
    return (flags & EXPIRING) === 0 ? Infinity : (this.expiry[slot] ?? Infinity);
  }

  setExpiresAt(slot: number, expiresAt: number): void {
    const record = (slot << 2) | FLAGS;
    const flags = (this.records[record] as number) & ~EXPIRING;
    this.records[record] = expiresAt === Infinity ? flags : flags | EXPIRING;
    this.expiry[slot] = expiresAt;
  }

  /** Returns the slot for reuse and drops the references it held, so the GC can reclaim them. */
  release(slot: number): void {
    this.keys[slot] = '';
    this.records[(slot << 2) | VALUE] = undefined;
    this.freeSlots[this.freeCount++] = slot;
  }

  /** Forgets every entry at once (the lists must be cleared by their owner). */
  clear(): void {
    this.keys = [];
    this.records = new Array<unknown>(this.weights.length << 2).fill(0);
    this.freeCount = 0;
    this.highWater = FIRST_SLOT;
  }

  private resize(length: number): void {
    if (length <= this.weights.length) throw new RangeError('L1 slot store is full');
    this.links = grow(this.links, new Int32Array(length << 1));
    this.weights = grow(this.weights, new Int32Array(length));
    this.expiry = grow(this.expiry, new Float64Array(length));
    this.freeSlots = grow(this.freeSlots, new Int32Array(length));
    // Filled, never holey: V8 keeps a packed array's elements in one flat block.
    for (let i = this.records.length; i < length << 2; i++) this.records.push(0);
  }
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
