/** Why an entry left the cache; `onEvict` receives it so callers can release resources or count churn. */
export type EvictionReason = 'size' | 'expired' | 'explicit';

export type EvictListener<V> = (key: string, value: V, reason: EvictionReason) => void;

export interface L1Options<V> {
  /** Upper bound on the number of entries. At least one of maxEntries and maxWeight must be finite. */
  maxEntries?: number;
  /** Upper bound on the sum of entry weights (usually bytes). */
  maxWeight?: number;
  /** Max-age applied when `set` is called without one; omitted means entries never expire by age. */
  defaultMaxAgeMs?: number;
  onEvict?: EvictListener<V>;
  /** Milliseconds clock; injectable so tests can move time without sleeping. */
  clock?: () => number;
  /**
   * How old a clock reading a hit's max-age check may use, so that a hit need not read the clock:
   * an entry may be served up to this many ms past its max-age, or up to 1,024 hits' worth while
   * the event loop is blocked (see `CoarseClock`). Default 1 with the default clock, 0 (every hit
   * reads the clock) with a custom `clock`.
   */
  clockResolutionMs?: number;
  /** Advanced: overrides for the adaptive policy's constants (see `AdaptiveTuning`). */
  tuning?: Partial<AdaptiveTuning>;
}

export interface SetOptions {
  /** Cost of the entry against `maxWeight`: an integer, e.g. its size in bytes. Defaults to 1. */
  weight?: number;
  /** Entry expires this many ms after the write and is then treated as absent. */
  maxAgeMs?: number;
}

/** Constants of the adaptive window; defaults live in `defaultTuning`. */
export interface AdaptiveTuning {
  /** Window share of the capacity before any adaptation. */
  initialWindow: number;
  /** Protected share of the main region (segmented LRU). */
  protectedShare: number;
  /** First climbing step, as a share of the capacity. */
  stepShare: number;
  /** Each step is this fraction of the previous one, so the climber settles. */
  stepDecay: number;
  /** A hit-rate change this large means the workload changed: the step size is restored. */
  restartThreshold: number;
  /** Requests per guard sample, as a multiple of the capacity... */
  sampleFactor: number;
  /** ...bounded below and above so small caches are not noisy and large ones still adapt. */
  minSample: number;
  maxSample: number;
  /** The shadow LRU samples keys so that it keeps at least this many entries. */
  shadowMinEntries: number;
  /** Trailing the shadow LRU by more than this share of requests grows the window at once... */
  guardMargin: number;
  /** ...by this multiple of the gap (at least one step). */
  guardGain: number;
  /**
   * The window also grows at once when the shadow LRU's running lead (beyond `guardMargin` per
   * sampled request) reaches this many hits per shadow entry, without waiting for the sample's end.
   */
  guardEarlyShare: number;
  /** The guard acts after this many samples in a row trail LRU by more than `guardMargin`. */
  guardSamples: number;
  /** Climbing samples to stay at a bound (0% or 100% window) before probing away from it. */
  pinnedSamples: number;
  /** Guard samples averaged into one climbing decision. */
  samplesPerClimb: number;
  /**
   * Warm-up after the cache first fills, in misses per entry of capacity, during which a candidate
   * estimated at most `tieSlack` below the victim is admitted (recency wins near-ties).
   */
  tieFactor: number;
  tieSlack: number;
  /** Advantage changes this small count as no change: the climber holds still. */
  flatTolerance: number;
}
