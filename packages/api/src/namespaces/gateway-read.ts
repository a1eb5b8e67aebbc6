import type { TierView } from '@cachefleet/cache-core';
import type { GatewayCache } from './gateway-registry.js';

export type ReadTier = 'l1' | 'l2' | 'source';

export interface ReadEntry {
  value: unknown;
  version: string;
  tier: ReadTier;
}

export function versionOf(view: TierView<unknown>): string {
  return String(view.l1?.version ?? view.l2?.version ?? 0);
}

/**
 * Reads through the namespace's cache and says which tier answered by looking before the read:
 * in L1, in L2 as a value, or else loaded from the source. The extra L2 GETs are the price of a
 * gateway answer carrying tier and version; the agents' data API is the fast path.
 */
export async function readEntry(gw: GatewayCache, key: string): Promise<ReadEntry | undefined> {
  const before = await gw.cache.inspect(key);
  const value = gw.hasSource ? await gw.cache.getOrLoad(key) : await gw.cache.get(key);
  if (value === undefined) return undefined;
  const tier: ReadTier = before.l1 ? 'l1' : before.l2?.kind === 'value' ? 'l2' : 'source';
  return { value, version: versionOf(await gw.cache.inspect(key)), tier };
}
