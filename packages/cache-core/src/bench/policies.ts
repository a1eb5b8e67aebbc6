import { ExactLru } from '../l1/exact-lru.js';
import { L1Cache } from '../l1/l1-cache.js';
import type { ReplayCache } from './replay.js';

export type PolicyName = 'lru' | 'cachefleet';

export const policyNames: readonly PolicyName[] = ['lru', 'cachefleet'];

/** A fresh, cold cache of `size` entries for the named policy. */
export function createPolicy(name: PolicyName, size: number): ReplayCache {
  if (name === 'lru') return new ExactLru<true>(size);
  return new L1Cache<true>({ maxEntries: size });
}
