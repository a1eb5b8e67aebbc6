import { HillClimber } from './hill-climber.js';
import { ShadowLru } from './shadow-lru.js';
import type { AdaptiveTuning } from './types.js';

/** Sampled hits held back before they are replayed into the shadow LRU together. */
const SAMPLED_HITS = 64;

/**
 * Decides the window share from the request stream: counts hits and misses, replays sampled keys
 * into the shadow LRU, and hands each sample's result to the hill climber. Besides the sample
 * clock it keeps a running sum (CUSUM) of the shadow LRU's lead beyond the tolerated margin, so a
 * cache that falls steadily behind LRU (recency took over) grows its window without waiting for
 * the sample to end, while a lead that the workload's next phase gives back never adds up.
 */
export class WindowAdvisor {
  private readonly climber: HillClimber;
  private readonly shadow = new ShadowLru(1);
  private mask = 0;
  private hits = 0;
  private requests = 0;
  private period = 1;
  private guardLimit = 1;
  /** CUSUM of the shadow LRU's lead on sampled requests, less the tolerated margin per request. */
  private lead = 0;
  private active = false;
  private requestsSinceFull = 0;
  private tieRequests = 0;
  /** Sampled hits not yet replayed into the shadow (see `recordHits`). */
  private readonly sampledHits = new Int32Array(SAMPLED_HITS);
  private sampledCount = 0;

  constructor(private readonly tuning: AdaptiveTuning) {
    this.climber = new HillClimber(tuning);
  }

  get share(): number {
    return this.climber.windowShare;
  }

  /** Sizes the sample and the shadow for a cache of about `capacity` entries. */
  resize(capacity: number): void {
    this.flushSampledHits();
    const { sampleFactor, minSample, maxSample, shadowMinEntries } = this.tuning;
    this.period = Math.max(minSample, Math.min(maxSample, Math.round(sampleFactor * capacity)));
    let rate = 1;
    while (capacity / (rate * 2) >= shadowMinEntries) rate *= 2;
    this.mask = rate - 1;
    this.shadow.resize(capacity / rate);
    this.guardLimit = this.tuning.guardEarlyShare * this.shadow.size;
    this.tieRequests = this.tuning.tieFactor * capacity;
  }

  /** Samples only count once the cache is full: before that every policy hits the same. */
  activate(): void {
    this.active = true;
  }

  /** Counts the requests since the cache first filled, while that still matters for `admitTies`. */
  private countSinceFull(): void {
    if (this.active && this.requestsSinceFull < this.tieRequests) this.requestsSinceFull++;
  }

  /**
   * True during the warm-up after the cache first fills: near-ties then go to the newcomer. A policy
   * that has seen each key once cannot tell a loop (keep the old keys) from a scan that will turn
   * around (keep the new ones); measured on the traces, recency is the cheaper guess while the
   * climber has no data (a zigzag scan otherwise loses its whole first turn).
   */
  get admitTies(): boolean {
    return this.requestsSinceFull < this.tieRequests;
  }

  /** Hits that may be recorded at once (`recordHits`) without passing the end of the sample. */
  get hitsLeftInSample(): number {
    return Math.max(1, this.period - this.requests);
  }

  /**
   * Records the hits on the keys `hashes[from..to)`, in order, none past the end of the sample (see
   * `hitsLeftInSample`); true when the share changed. The sampled keys' hashes are kept without a
   * branch: each hash is written to `sampledHits` but only kept (the count only grows) when the key
   * is in the sample. They reach the shadow in order, all before anything reads the shadow or the
   * lead (a miss, the end of a sample, a resize), so they count exactly as if each had been replayed
   * at once.
   */
  recordHits(hashes: Int32Array, from: number, to: number): boolean {
    const sampled = this.sampledHits;
    const mask = this.mask;
    let count = this.sampledCount;
    for (let i = from; i < to; i++) {
      if (count === SAMPLED_HITS) {
        this.sampledCount = count;
        this.flushSampledHits();
        count = 0;
      }
      const hash = hashes[i] as number;
      sampled[count] = hash;
      // 1 when (hash & mask) is 0 (the key is sampled), else 0; mask is at most 2^30 - 1.
      count += ((hash & mask) - 1) >>> 31;
    }
    this.sampledCount = count;
    this.hits += to - from;
    this.requests += to - from;
    if (this.requests < this.period) return false;
    this.flushSampledHits();
    return this.endSample();
  }

  /** Replays the held-back sampled hits into the shadow LRU, in hit order. */
  private flushSampledHits(): void {
    const count = this.sampledCount;
    this.sampledCount = 0;
    for (let i = 0; i < count; i++) {
      const lruHit = this.shadow.access(this.sampledHits[i] as number, true);
      this.lead = Math.max(0, this.lead - (lruHit ? 0 : 1) - this.tuning.guardMargin);
    }
  }

  /** Records a miss; true when the share changed. */
  recordMiss(hash: number): boolean {
    if (this.sampledCount > 0) this.flushSampledHits();
    this.countSinceFull();
    if ((hash & this.mask) === 0) {
      const lruHit = this.shadow.access(hash, false);
      this.lead = Math.max(0, this.lead + (lruHit ? 1 : 0) - this.tuning.guardMargin);
      if (this.lead >= this.guardLimit) return this.guard();
    }
    return ++this.requests >= this.period && this.endSample();
  }

  /**
   * LRU has out-hit the cache, beyond the tolerated margin, by a large share of the shadow's
   * capacity: a phase of a loop or scan gives back at most one capacity, so recency rules and the
   * window grows at once.
   */
  private guard(): boolean {
    const advantage = this.shadow.advantage;
    this.lead = 0;
    if (!this.active) return false;
    const before = this.climber.windowShare;
    return this.climber.guard(advantage) !== before;
  }

  private endSample(): boolean {
    const hitRate = this.requests === 0 ? 0 : this.hits / this.requests;
    const advantage = this.shadow.advantage;
    this.hits = 0;
    this.requests = 0;
    this.shadow.resetSample();
    if (!this.active) return false;
    const before = this.climber.windowShare;
    return this.climber.endSample(hitRate, advantage) !== before;
  }
}
