import { FrequencySketch } from './frequency-sketch.js';
import { FIRST_SLOT, type SlotStore } from './slot-store.js';

const COUNT_MAX = 15;

/**
 * TinyLFU frequencies for the policy: the sketch, plus the hits an entry counts in its own record.
 * A hit only bumps the entry's counts in the record the hit reads anyway, where an increment of
 * the sketch would touch a random line of a table larger than the CPU's caches; the hits reach the
 * sketch (`add`) when the entry is compared, leaves, or the sketch is resized. Counted this way a
 * held entry's estimate, min(sketch + pending, 15), equals what per-hit increments would give,
 * except across aging, where pending hits halve with the counters instead of before them (each
 * counter may then end one lower).
 */
export class EntryFrequencies {
  private readonly sketch: FrequencySketch;

  constructor(
    private readonly store: SlotStore<unknown>,
    capacity: number,
  ) {
    this.sketch = new FrequencySketch(capacity);
  }

  get sizedFor(): number {
    return this.sketch.sizedFor;
  }

  /**
   * Records the hits `slots[0..count)` in their entries (`SlotStore.touchRun`, stamps from `tick + 1`,
   * hashes copied to `hashes`) and counts them as sketch additions, aging at the exact hit where
   * the sample completes.
   */
  touchAll(slots: Int32Array, hashes: Int32Array, count: number, tick: number): void {
    const store = this.store;
    for (let done = 0; done < count;) {
      done = store.touchRun(slots, hashes, done, count, tick, this.sketch.additionsLeft);
      if (this.sketch.countAdditions(store.runCounted)) this.age();
    }
  }

  /** A new entry: its first access goes to the sketch at once. */
  onAdded(slot: number): void {
    this.store.setEstimate(slot, this.sketch.increment(this.store.hash(slot)));
  }

  /** The estimate the admission contest compares. */
  frequency(slot: number): number {
    const sketched = this.sketch.frequency(this.store.hash(slot));
    return Math.min(COUNT_MAX, sketched + this.store.pending(slot));
  }

  /** Hands the entry's pending hits to the sketch (before it leaves, so its history stays). */
  flush(slot: number): void {
    const pending = this.store.pending(slot);
    if (pending > 0) this.store.setEstimate(slot, this.sketch.add(this.store.hash(slot), pending));
  }

  /** Grows the sketch (which forgets its history) for `capacity` entries. */
  ensureCapacity(capacity: number): void {
    const store = this.store;
    for (let slot = FIRST_SLOT; slot < store.highWater; slot++) this.flush(slot);
    this.sketch.ensureCapacity(capacity);
    for (let slot = FIRST_SLOT; slot < store.highWater; slot++) {
      store.setEstimate(slot, this.sketch.frequency(store.hash(slot)));
    }
  }

  /** Halves the sketch and every entry's counts with it: two sequential passes, no random reads. */
  private age(): void {
    this.sketch.age();
    this.store.halveCounts();
  }
}
