import { HillClimber } from './hill-climber.js';
import { ShadowLru } from './shadow-lru.js';
import type { AdaptiveTuning } from './types.js';

/**
 * Decides the window share from the request stream: counts hits and misses, replays sampled keys
 * into the shadow LRU, and hands each sample's result to the hill climber. Besides the sample
 * clock, it ends a sample early as soon as the shadow LRU's lead on the sampled requests already
 * exceeds what the guard tolerates for a whole sample, so a cache that falls behind LRU (a scan
 * turning around, a recency burst) reacts within a few dozen requests instead of a full sample.
 */
export class WindowAdvisor {
  private readonly climber: HillClimber;
  private readonly shadow = new ShadowLru(1);
  private mask = 0;
  private hits = 0;
  private requests = 0;
  private period = 1;
  private guardLimit = 1;
  private active = false;

  constructor(private readonly tuning: AdaptiveTuning) {
    this.climber = new HillClimber(tuning);
  }

  get share(): number {
    return this.climber.windowShare;
  }

  /** Sizes the sample and the shadow for a cache of about `capacity` entries. */
  resize(capacity: number): void {
    const { sampleFactor, minSample, maxSample, shadowMinEntries, guardMargin } = this.tuning;
    this.period = Math.max(minSample, Math.min(maxSample, Math.round(sampleFactor * capacity)));
    let rate = 1;
    while (capacity / (rate * 2) >= shadowMinEntries) rate *= 2;
    this.mask = rate - 1;
    this.shadow.resize(capacity / rate);
    const shadowSize = this.shadow.size;
    this.guardLimit = Math.max(this.tuning.guardEarlyShare * shadowSize, (guardMargin * this.period) / rate);
  }

  /** Samples only count once the cache is full: before that every policy hits the same. */
  activate(): void {
    this.active = true;
  }

  /** Records a hit; true when the share changed. Allocation-free: this is on the hit path. */
  recordHit(hash: number): boolean {
    this.hits++;
    if ((hash & this.mask) === 0) this.shadow.access(hash, true);
    return ++this.requests >= this.period && this.endSample();
  }

  /** Records a miss; true when the share changed. */
  recordMiss(hash: number): boolean {
    if ((hash & this.mask) === 0) {
      this.shadow.access(hash, false);
      if (this.shadow.hits - this.shadow.policyHits >= this.guardLimit) return this.endSample();
    }
    return ++this.requests >= this.period && this.endSample();
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
