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

/** "No slot": what list heads return when empty. */
export const NONE = -1;
const FIRST_SLOT = 4;
const INITIAL_SLOTS = 1024;

/** Field offsets within a slot's record of `links` (8 × int32, at `slot << 3`). */
export const NEXT = 0;
export const PREV = 1;
export const HASH = 2;
export const REGION = 3;
/** Policy tick of the last access (wrapping int32); orders entries across regions. */
export const STAMP = 4;
/** 1 when the entry has a max-age, so a hit reads the expiry only when there is one. */
export const EXPIRING = 5;
/** Integer weight; read whenever the entry changes list, so it lives in the same record. */
export const WEIGHT = 6;

/**
 * Entries as slots of parallel arrays, the layout `lru-cache` uses: the key map yields a small
 * integer and a hit touches compact typed arrays rather than a web of objects. Everything a hit
 * reads or writes about a slot (links, hash, region, recency stamp, whether it can expire) sits in
 * one 32-byte record, so a hit on an entry without max-age costs one cache line of metadata.
 * Freed slots are reused; the arrays double when full, up to `maxSlots`.
 */
export class SlotStore<V> {
  keys: string[] = [];
  values: (V | undefined)[] = [];
  /** Per slot, at `slot << 3`: NEXT, PREV, HASH, REGION, STAMP, EXPIRING, WEIGHT (one spare). */
  links = new Int32Array(0);
  /** Per slot: the expiry time, read only when EXPIRING is set. */
  expiry = new Float64Array(0);
  private freeSlots = new Int32Array(0);
  private freeCount = 0;
  private highWater = FIRST_SLOT;
  private length = 0;

  constructor(private readonly maxSlots: number) {
    this.resize(Math.min(INITIAL_SLOTS, maxSlots + FIRST_SLOT));
  }

  allocate(key: string, value: V, weight: number, expiresAt: number, hash: number): number {
    let slot: number;
    if (this.freeCount > 0) slot = this.freeSlots[--this.freeCount] ?? NONE;
    else {
      if (this.highWater === this.length) this.resize(Math.min(2 * this.length, this.maxSlots + FIRST_SLOT));
      slot = this.highWater++;
    }
    this.keys[slot] = key;
    this.values[slot] = value;
    this.links[(slot << 3) | HASH] = hash;
    this.links[(slot << 3) | WEIGHT] = weight;
    this.setExpiresAt(slot, expiresAt);
    return slot;
  }

  hash(slot: number): number {
    return this.links[(slot << 3) | HASH] ?? 0;
  }

  weight(slot: number): number {
    return this.links[(slot << 3) | WEIGHT] ?? 0;
  }

  setWeight(slot: number, weight: number): void {
    this.links[(slot << 3) | WEIGHT] = weight;
  }

  /** Expiry time, or Infinity; reads the float record only for entries that have a max-age. */
  expiresAt(slot: number): number {
    if (this.links[(slot << 3) | EXPIRING] === 0) return Infinity;
    return this.expiry[slot] ?? Infinity;
  }

  setExpiresAt(slot: number, expiresAt: number): void {
    this.links[(slot << 3) | EXPIRING] = expiresAt === Infinity ? 0 : 1;
    this.expiry[slot] = expiresAt;
  }

  stamp(slot: number): number {
    return this.links[(slot << 3) | STAMP] ?? 0;
  }

  /** Returns the slot for reuse and drops the references it held, so the GC can reclaim them. */
  release(slot: number): void {
    this.keys[slot] = '';
    this.values[slot] = undefined;
    this.freeSlots[this.freeCount++] = slot;
  }

  /** Forgets every entry at once (the lists must be cleared by their owner). */
  clear(): void {
    this.keys = [];
    this.values = [];
    this.freeCount = 0;
    this.highWater = FIRST_SLOT;
  }

  private resize(length: number): void {
    if (length <= this.length) throw new RangeError('L1 slot store is full');
    const links = new Int32Array(length << 3);
    links.set(this.links);
    this.links = links;
    const expiry = new Float64Array(length);
    expiry.set(this.expiry);
    this.expiry = expiry;
    const freeSlots = new Int32Array(length);
    freeSlots.set(this.freeSlots);
    this.freeSlots = freeSlots;
    this.length = length;
  }
}
