import type { CacheEntry, ReadTier } from '@cachefleet/cache-core';
import type { GatewayCache } from './gateway-registry.js';

export interface ReadEntry {
  value: unknown;
  version: string;
  tier: ReadTier;
}

/** The gateway's answer for a found entry: the version as a string, as the agents' data API gives it. */
export function answerOf(entry: CacheEntry<unknown>): ReadEntry {
  return { value: entry.value, version: String(entry.version), tier: entry.tier };
}

/** Reads through the namespace's cache; value, version and tier come from the same read. */
export async function readEntry(gw: GatewayCache, key: string): Promise<ReadEntry | undefined> {
  const entry = gw.hasSource ? await gw.cache.getOrLoadEntry(key) : await gw.cache.getEntry(key);
  return entry === undefined ? undefined : answerOf(entry);
}
