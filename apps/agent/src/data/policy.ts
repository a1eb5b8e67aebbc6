// Maps a namespace's contract fields onto cache-core's CacheOptions (times in ms).
import type { CachePolicy } from '@cachefleet/cache-core';
import type { NamespaceConfig } from './config-schema.js';

// cache-core spreads TTLs by ±jitter×TTL and needs jitter < 1; the contract allows 1.
const maxJitter = 0.99;

export function cachePolicy(ns: NamespaceConfig): Partial<CachePolicy> {
  const ttlMs = ns.ttlSeconds * 1000;
  return {
    writeMode: ns.writeMode,
    ttlMs,
    softTtlMs: Math.min(ttlMs, (ns.softTtlSeconds ?? ns.ttlSeconds) * 1000),
    staleWhileRevalidate: ns.softTtlSeconds !== null,
    jitter: Math.min(ns.jitter, maxJitter),
    negativeTtlMs: (ns.negativeTtlSeconds ?? 0) * 1000,
    maxValueBytes: ns.maxValueBytes,
  };
}

export function l1Options(ns: NamespaceConfig): { maxEntries: number; maxBytes: number } | false {
  if (ns.l1MaxEntries === 0 || ns.l1MaxBytes === 0) return false;
  return { maxEntries: ns.l1MaxEntries, maxBytes: ns.l1MaxBytes };
}
