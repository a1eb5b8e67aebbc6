import { InvalidOptionError } from '../errors.js';
import { assertMaxValueBytes, DEFAULT_MAX_VALUE_BYTES } from '../limits.js';

export type WriteMode = 'write-through' | 'write-behind' | 'cache-aside';

/** Per-namespace behaviour. Times are milliseconds. */
export interface CachePolicy {
  writeMode: WriteMode;
  /** Hard TTL: the L2 entry disappears after this (±jitter). */
  ttlMs: number;
  /** Fresh for this long; between soft and hard TTL the value is stale (SWR / fail-safe only). */
  softTtlMs: number;
  /** TTLs are spread by ±jitter×TTL so entries written together do not expire together. */
  jitter: number;
  /** Serve a stale value at once and refresh it in the background. */
  staleWhileRevalidate: boolean;
  /** Serve a stale value when the source fails or times out, instead of an error. */
  failSafe: boolean;
  /** With a stale value at hand, stop waiting for the source after this and serve the stale one. */
  softTimeoutMs: number;
  /** Give up on the source after this (E_SOURCE_TIMEOUT unless fail-safe has a stale value). */
  hardTimeoutMs: number;
  /** XFetch β: > 0 refreshes hot keys early, with a probability rising towards soft expiry. */
  earlyRefreshBeta: number;
  /** > 0 caches "absent" results for this long. */
  negativeTtlMs: number;
  /** Lifetime of delete tombstones; longer than any load can take, so no late fill outlives it. */
  tombstoneTtlMs: number;
  /** Backstop max-age of L1 entries, whatever the bus says. */
  l1MaxAgeMs: number;
  /** Cross-process lease on a key's load; a crashed loader frees it after this. */
  leaseTtlMs: number;
  maxValueBytes: number;
  /** Streams a write-behind namespace is split into; a key always maps to one. */
  writeBehindPartitions: number;
}

export const defaultPolicy: CachePolicy = {
  writeMode: 'write-through',
  ttlMs: 10 * 60_000,
  softTtlMs: 10 * 60_000,
  jitter: 0.1,
  staleWhileRevalidate: false,
  failSafe: true,
  softTimeoutMs: Infinity,
  hardTimeoutMs: 5_000,
  earlyRefreshBeta: 0,
  negativeTtlMs: 0,
  tombstoneTtlMs: 30_000,
  l1MaxAgeMs: 30_000,
  leaseTtlMs: 6_000,
  maxValueBytes: DEFAULT_MAX_VALUE_BYTES,
  writeBehindPartitions: 8,
};

function positive(name: keyof CachePolicy, value: number): void {
  if (!(value > 0)) throw new InvalidOptionError(`policy.${name} must be > 0`);
}

/** Fills defaults (soft TTL follows the hard one unless given) and refuses inconsistent policies. */
export function resolvePolicy(input: Partial<CachePolicy> = {}): CachePolicy {
  const ttlMs = input.ttlMs ?? defaultPolicy.ttlMs;
  const policy: CachePolicy = { ...defaultPolicy, softTtlMs: ttlMs, ...input, ttlMs };
  for (const name of [
    'ttlMs',
    'softTtlMs',
    'hardTimeoutMs',
    'softTimeoutMs',
    'tombstoneTtlMs',
  ] as const) {
    positive(name, policy[name]);
  }
  positive('l1MaxAgeMs', policy.l1MaxAgeMs);
  positive('leaseTtlMs', policy.leaseTtlMs);
  if (policy.softTtlMs > policy.ttlMs) throw new InvalidOptionError('softTtlMs must be ≤ ttlMs');
  if (policy.jitter < 0 || policy.jitter >= 1)
    throw new InvalidOptionError('jitter must be in [0, 1)');
  if (policy.negativeTtlMs < 0 || policy.earlyRefreshBeta < 0) {
    throw new InvalidOptionError('negativeTtlMs and earlyRefreshBeta must be ≥ 0');
  }
  if (!Number.isInteger(policy.writeBehindPartitions) || policy.writeBehindPartitions < 1) {
    throw new InvalidOptionError('writeBehindPartitions must be a positive integer');
  }
  assertMaxValueBytes(policy.maxValueBytes);
  return policy;
}

/** A TTL spread by ±jitter, never below 1 ms. */
export function jittered(ttlMs: number, jitter: number): number {
  if (jitter === 0) return ttlMs;
  return Math.max(1, Math.round(ttlMs * (1 + jitter * (Math.random() * 2 - 1))));
}
