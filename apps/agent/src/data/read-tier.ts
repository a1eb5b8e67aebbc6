// Which tier answered a read. cache-core reports tiers only as events, emitted synchronously in the
// async context of the read that caused them, so an AsyncLocalStorage slot attributes them to it.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Cache } from '@cachefleet/cache-core';

export type ReadTier = 'l1' | 'l2' | 'source';

interface Slot {
  tier: ReadTier | undefined;
}

const current = new AsyncLocalStorage<Slot>();
const bound = new WeakSet<Cache<unknown>>();

/** Listens once per cache; idempotent. */
export function trackTiers(cache: Cache<unknown>): void {
  if (bound.has(cache)) return;
  bound.add(cache);
  cache.events.on('hit', ({ tier }) => {
    const slot = current.getStore();
    if (slot !== undefined) slot.tier = tier;
  });
  cache.events.on('load', () => {
    const slot = current.getStore();
    if (slot !== undefined) slot.tier = 'source';
  });
}

/**
 * Runs a read and says where its value came from. A read that joined another request's load in
 * this process saw no event of its own; it is reported as 'l2', the shared result's usual home.
 */
export async function withTier<T>(read: () => Promise<T>): Promise<{ value: T; tier: ReadTier }> {
  const slot: Slot = { tier: undefined };
  const value = await current.run(slot, read);
  return { value, tier: slot.tier ?? 'l2' };
}
