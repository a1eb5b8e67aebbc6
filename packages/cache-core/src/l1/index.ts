export { L1Cache } from './l1-cache.js';
export { ExactLru } from './exact-lru.js';
export { defaultTuning } from './tuning.js';
export type {
  AdaptiveTuning,
  EvictionReason,
  EvictListener,
  L1Options,
  SetOptions,
} from './types.js';
