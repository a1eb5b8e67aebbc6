import type { CachePolicy } from '@cachefleet/cache-core';
import type { NamespacePolicy } from '../access.js';

// cache-core spreads TTLs by ±jitter×TTL and needs jitter < 1; the contract allows 1.
const maxJitter = 0.99;

/**
 * The embedded cache's policy for a namespace. Its source is always the agents' data API, so
 * write-through and cache-aside namespaces both commit through it ('write-through' here); a
 * write-behind namespace appends to the durable queue the agents drain, as cache-core does.
 */
export function embeddedPolicy(policy: NamespacePolicy): Partial<CachePolicy> {
  const ttlMs = policy.ttlSeconds * 1000;
  return {
    writeMode: policy.writeMode === 'write-behind' ? 'write-behind' : 'write-through',
    ttlMs,
    softTtlMs: Math.min(ttlMs, (policy.softTtlSeconds ?? policy.ttlSeconds) * 1000),
    jitter: Math.min(policy.jitter, maxJitter),
    negativeTtlMs: (policy.negativeTtlSeconds ?? 0) * 1000,
    maxValueBytes: policy.maxValueBytes,
  };
}

/** The near cache's bounds; a namespace sized 0 has none. */
export function nearCacheSize(
  policy: NamespacePolicy,
): { maxEntries: number; maxBytes: number } | false {
  if (policy.l1MaxEntries === 0 || policy.l1MaxBytes === 0) return false;
  return { maxEntries: policy.l1MaxEntries, maxBytes: policy.l1MaxBytes };
}
