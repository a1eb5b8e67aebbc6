import type { AdaptiveTuning } from './types.js';

/** Measured on the shipped traces with `npm run bench`; see src/bench for the sweep. */
export const defaultTuning: AdaptiveTuning = {
  initialWindow: 0.01,
  protectedShare: 0.9,
  stepShare: 0.0625,
  stepDecay: 0.98,
  restartThreshold: 0.05,
  sampleFactor: 1,
  minSample: 1000,
  maxSample: 1_000_000,
  shadowMinEntries: 1024,
  guardMargin: 0.01,
  guardGain: 4,
  guardEarlyShare: 0.75,
  guardSamples: 1,
  pinnedSamples: 16,
  samplesPerClimb: 8,
  flatTolerance: 0.001,
  tieFactor: 0.5,
  tieSlack: 1,
};
