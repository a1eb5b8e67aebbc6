import type { L2Record } from '../record.js';
import type { CacheCore } from './cache-core.js';
import type { Judged } from './freshness.js';
import type { FillGuard } from './l1-tier.js';
import { loadMany, readFresh, type Found } from './load-many.js';

type Judge<V> = (record: L2Record) => Promise<Judged<V>>;

/**
 * Batch read: L1 hits, then one L2 read grouped by slot, then the source for what is left, with
 * the same per-key leases as getOrLoad taken in one batch (see loadMany). A key asked for twice is
 * read and loaded once.
 */
export async function getMany<V>(
  core: CacheCore<V>,
  judge: Judge<V>,
  keys: readonly string[],
): Promise<(V | undefined)[]> {
  const results = new Array<V | undefined>(keys.length);
  const now = Date.now();
  const missing: number[] = [];
  keys.forEach((key, i) => {
    const entry = core.l1.get(key);
    if (
      entry !== undefined &&
      now < entry.softExpiresAt &&
      core.tags.isValid(entry.tags, entry.createdAt)
    ) {
      results[i] = entry.value;
    } else missing.push(i);
  });
  if (missing.length === 0) return results;
  const guards = new Map<string, FillGuard>();
  for (const i of missing) {
    const key = keys[i] ?? '';
    if (!guards.has(key)) guards.set(key, core.l1.begin(key));
  }
  try {
    const found = await readThenLoad(core, judge, [...guards.keys()], guards);
    for (const i of missing) results[i] = found.get(keys[i] ?? '');
  } finally {
    for (const guard of guards.values()) core.l1.end(guard);
  }
  return results;
}

async function readThenLoad<V>(
  core: CacheCore<V>,
  judge: Judge<V>,
  keys: readonly string[],
  guards: ReadonlyMap<string, FillGuard>,
): Promise<Found<V>> {
  const found: Found<V> = new Map();
  let left: readonly string[];
  try {
    left = await readFresh(core, judge, keys, guards, found);
  } catch (error) {
    core.l2Failed('readMany', error);
    left = keys;
  }
  if (left.length > 0 && core.source !== undefined) {
    for (const [key, value] of await loadMany(core, judge, left, guards)) found.set(key, value);
  }
  return found;
}
