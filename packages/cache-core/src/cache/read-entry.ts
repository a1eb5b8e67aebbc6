import type { Tier } from '../events.js';

/** Which tier answered a read: this process's L1, Redis (L2), or a load from the source. */
export type ReadTier = Tier | 'source';

/** A value read together with its version and the tier that answered, in one pass. */
export interface CacheEntry<V> {
  value: V;
  /** The source's version (a cache-aside counter value; 0 for a write-behind value still queued). */
  version: number;
  tier: ReadTier;
}

/** What a read resolved to inside the read paths, absence (value undefined) included. */
export interface ReadResult<V> {
  value: V | undefined;
  version: number;
  tier: ReadTier;
}

/**
 * Shapes a read's answer for its caller: the value alone (get) or the entry (getEntry). The read
 * paths are written once against this, so the value-only reads allocate nothing more than before.
 */
export type PickRead<V, R> = (value: V | undefined, version: number, tier: ReadTier) => R;

export function pickValue<V>(value: V | undefined): V | undefined {
  return value;
}

export function pickEntry<V>(
  value: V | undefined,
  version: number,
  tier: ReadTier,
): CacheEntry<V> | undefined {
  return value === undefined ? undefined : { value, version, tier };
}
