import { HashIndex } from './hash-index.js';

/**
 * Miniature LRU over a spatially sampled subset of the keys (by hash), holding hashes only. Replaying
 * 1/R of the keys into an LRU of capacity/R estimates what a plain LRU of the full capacity would hit
 * on the current workload (the SHARDS technique). The adaptive policy uses the estimate as a floor:
 * when LRU would do clearly better, the window grows toward LRU.
 * Slots live in typed arrays (slot 0 is the list sentinel), so a shadow hit allocates nothing.
 */
export class ShadowLru {
  hits = 0;
  requests = 0;
  /** Hits the real cache scored on the same sampled requests: the paired side of the comparison. */
  policyHits = 0;
  private readonly slots = new HashIndex();
  private hashes = new Int32Array(1);
  /** Next slot at `slot << 1`, previous at `(slot << 1) | 1`: a slot's two links share a line. */
  private links = new Int32Array(2);
  private capacity = 0;
  private used = 0;

  constructor(capacity: number) {
    this.resize(capacity);
  }

  /** Starts over with a new capacity; the estimate restarts too. */
  resize(capacity: number): void {
    this.capacity = Math.max(1, Math.floor(capacity));
    this.hashes = new Int32Array(this.capacity + 1);
    this.links = new Int32Array((this.capacity + 1) << 1);
    this.slots.reset(this.hashes, this.capacity);
    this.used = 0;
  }

  get size(): number {
    return this.capacity;
  }

  /** Replays one sampled request; `policyHit` says whether the real cache hit it. True on an LRU hit. */
  access(hash: number, policyHit: boolean): boolean {
    this.requests++;
    if (policyHit) this.policyHits++;
    let slot = this.slots.get(hash);
    if (slot >= 0) {
      this.hits++;
      this.unlink(slot);
      this.linkLast(slot);
      return true;
    }
    if (this.used < this.capacity) {
      slot = ++this.used;
    } else {
      slot = this.links[0] ?? 0;
      this.slots.delete(this.hashes[slot] ?? 0);
      this.unlink(slot);
    }
    this.hashes[slot] = hash;
    this.slots.set(hash, slot);
    this.linkLast(slot);
    return false;
  }

  /** (policy hits − LRU hits) per sampled request: > 0 means the real cache beats LRU. */
  get advantage(): number {
    return this.requests === 0 ? 0 : (this.policyHits - this.hits) / this.requests;
  }

  resetSample(): void {
    this.policyHits = 0;
    this.hits = 0;
    this.requests = 0;
  }

  private unlink(slot: number): void {
    const links = this.links;
    const before = links[(slot << 1) | 1] ?? 0;
    const after = links[slot << 1] ?? 0;
    links[before << 1] = after;
    links[(after << 1) | 1] = before;
  }

  private linkLast(slot: number): void {
    const links = this.links;
    const tail = links[1] ?? 0;
    links[(slot << 1) | 1] = tail;
    links[slot << 1] = 0;
    links[tail << 1] = slot;
    links[1] = slot;
  }
}
