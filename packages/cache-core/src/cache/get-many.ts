import type { L2Record } from '../record.js';
import type { CacheCore } from './cache-core.js';
import type { Judged } from './freshness.js';
import type { FillGuard } from './l1-tier.js';
import { loadMany, readFresh, type Found } from './load-many.js';
import type { PickRead } from './read-entry.js';

type Judge<V> = (record: L2Record) => Promise<Judged<V>>;

/**
 * Batch read: L1 hits, then one L2 read grouped by slot, then the source for what is left, with
 * the same per-key leases as getOrLoad taken in one batch (see loadMany). A key asked for twice is
 * read and loaded once.
 */
export async function getMany<V, R>(
  core: CacheCore<V>,
  judge: Judge<V>,
  keys: readonly string[],
  pick: PickRead<V, R>,
): Promise<R[]> {
  const results = new Array<R>(keys.length);
  const now = Date.now();
  const missing: number[] = [];
  keys.forEach((key, i) => {
    const entry = core.l1.get(key);
    if (
      entry !== undefined &&
      now < entry.softExpiresAt &&
      core.tags.isValid(entry.tags, entry.createdAt)
    ) {
      results[i] = pick(entry.value, entry.version, 'l1');
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
    for (const i of missing) {
      const read = found.get(keys[i] ?? '');
      results[i] =
        read === undefined ? pick(undefined, 0, 'l2') : pick(read.value, read.version, read.tier);
    }
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
    for (const [key, read] of await loadMany(core, judge, left, guards)) found.set(key, read);
  }
  return found;
}
