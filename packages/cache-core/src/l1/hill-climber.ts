import type { AdaptiveTuning } from './types.js';

/**
 * Chooses the window's share of the capacity by hill climbing. The climber does not climb on the raw
 * hit rate, which swings with the workload's own phases (a scan, a loop turning around) and fools a
 * climber into chasing noise; it climbs on the cache's advantage over a shadow LRU measured on the
 * same sampled requests. That is a paired comparison: phases move both sides and largely cancel, and
 * the effect of the window size remains.
 *
 * Two clocks: every short sample the guard checks the advantage, and trailing LRU by more than a
 * margin grows the window at once, in proportion to the gap (recency rules). Every few samples the
 * climber compares the averaged advantage with the previous one: better keeps the direction, worse
 * turns around, no difference holds still. Pinned at a bound it waits before probing away, so a
 * workload where LRU is best settles at a 100% window instead of paying for probes. Steps shrink
 * geometrically; a large jump in the raw hit rate (a new workload) restores the full step.
 */
export class HillClimber {
  windowShare: number;
  private direction = 1;
  private step: number;
  private pinned = 0;
  private trailing = 0;
  private samples = 0;
  private scoreSum = 0;
  private hitRateSum = 0;
  private previousScore = 0;
  private previousHitRate = 0;

  constructor(private readonly tuning: AdaptiveTuning) {
    this.windowShare = tuning.initialWindow;
    this.step = tuning.stepShare;
  }

  /** LRU pulled clearly ahead (`advantage` < 0): grow the window in proportion. Returns the share. */
  guard(advantage: number): number {
    this.direction = 1;
    this.step = this.tuning.stepShare;
    this.move(Math.max(this.tuning.stepShare, -advantage * this.tuning.guardGain));
    this.startClimbSample(Math.min(0, advantage), this.previousHitRate);
    return this.windowShare;
  }

  /** Ends a sample; `advantage` is the hit-rate lead over the shadow LRU in it. Returns the share. */
  endSample(hitRate: number, advantage: number): number {
    // `guardSamples` > 1 would wait out a bad sample that the next phase may undo; measured, 1 wins.
    this.trailing = advantage < -this.tuning.guardMargin ? this.trailing + 1 : 0;
    if (this.trailing >= this.tuning.guardSamples) {
      this.trailing = 0;
      return this.guard(advantage);
    }
    this.scoreSum += advantage;
    this.hitRateSum += hitRate;
    if (++this.samples >= this.tuning.samplesPerClimb) this.climb();
    return this.windowShare;
  }

  private climb(): void {
    const { stepShare, stepDecay, restartThreshold, flatTolerance, pinnedSamples } = this.tuning;
    const score = this.scoreSum / this.samples;
    const hitRate = this.hitRateSum / this.samples;
    const restart = Math.abs(hitRate - this.previousHitRate) >= restartThreshold;
    const change = score - this.previousScore;
    this.startClimbSample(score, hitRate);
    this.step = restart ? stepShare : this.step * stepDecay;
    if (this.isPinned()) {
      // At a bound: probe away only after a few quiet samples, or at once when the workload changed.
      if (!restart && ++this.pinned < pinnedSamples) return;
      this.direction = -this.direction;
    } else if (change < -flatTolerance) {
      this.direction = -this.direction;
    } else if (change <= flatTolerance && !restart) {
      return;
    }
    this.move(this.step);
  }

  private startClimbSample(previousScore: number, previousHitRate: number): void {
    this.previousScore = previousScore;
    this.previousHitRate = previousHitRate;
    this.samples = 0;
    this.scoreSum = 0;
    this.hitRateSum = 0;
  }

  /** At a bound and pushing against it. */
  private isPinned(): boolean {
    return (
      (this.windowShare >= 1 && this.direction > 0) || (this.windowShare <= 0 && this.direction < 0)
    );
  }

  private move(amount: number): void {
    this.pinned = 0;
    this.windowShare = Math.min(1, Math.max(0, this.windowShare + this.direction * amount));
  }
}
