import type { CachePolicy } from '@cachefleet/cache-core';
import type { NamespacePolicy } from '@cachefleet/db';

/** The namespace policy (seconds) as cache-core's policy (milliseconds). */
export function cachePolicyOf(policy: NamespacePolicy): Partial<CachePolicy> {
  return {
    writeMode: policy.writeMode,
    ttlMs: policy.ttlSeconds * 1000,
    softTtlMs: (policy.softTtlSeconds ?? policy.ttlSeconds) * 1000,
    jitter: policy.jitter,
    negativeTtlMs: (policy.negativeTtlSeconds ?? 0) * 1000,
    maxValueBytes: policy.maxValueBytes,
  };
}
