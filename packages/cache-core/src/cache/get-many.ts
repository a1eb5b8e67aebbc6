import { SourceError } from '../errors.js';
import type { L2Record } from '../record.js';
import { serializeOrThrow } from '../serializer.js';
import type { SourceRecord } from '../source/source.js';
import type { CacheCore } from './cache-core.js';
import type { Judged } from './freshness.js';
import type { FillGuard } from './l1-tier.js';

type Judge<V> = (record: L2Record) => Promise<Judged<V>>;

/**
 * Batch read: L1 hits, then one L2 read grouped by slot, then one source batch for what is left.
 * The batch load skips the per-key lease (a batch would otherwise serialise behind many leases);
 * its fills are still versioned, so they never overwrite newer writes.
 */
export async function getMany<V>(
  core: CacheCore<V>,
  judge: Judge<V>,
  keys: readonly string[],
): Promise<(V | undefined)[]> {
  const results = new Array<V | undefined>(keys.length);
  const now = Date.now();
  let missing: number[] = [];
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
  const guards = new Map<number, FillGuard>(missing.map((i) => [i, core.l1.begin(keys[i] ?? '')]));
  try {
    missing = await readL2(core, judge, keys, missing, guards, results);
    if (missing.length > 0 && core.source !== undefined)
      await loadSource(core, keys, missing, guards, results);
  } finally {
    for (const guard of guards.values()) core.l1.end(guard);
  }
  return results;
}

async function readL2<V>(
  core: CacheCore<V>,
  judge: Judge<V>,
  keys: readonly string[],
  missing: number[],
  guards: Map<number, FillGuard>,
  results: (V | undefined)[],
): Promise<number[]> {
  let records: (L2Record | undefined)[];
  try {
    records = await core.l2.readMany(missing.map((i) => core.entryKey(keys[i] ?? '')));
  } catch (error) {
    core.l2Failed('readMany', error);
    return missing;
  }
  const left: number[] = [];
  await Promise.all(
    missing.map(async (index, j) => {
      const record = records[j];
      const judged = record === undefined ? undefined : await judge(record);
      const guard = guards.get(index);
      if (judged?.state === 'fresh' && guard !== undefined) {
        results[index] = judged.value;
        core.fillL1(guard, judged.record, core.policy.ttlMs, judged.value);
      } else left.push(index);
    }),
  );
  return left;
}

async function loadSource<V>(
  core: CacheCore<V>,
  keys: readonly string[],
  missing: number[],
  guards: Map<number, FillGuard>,
  results: (V | undefined)[],
): Promise<void> {
  const wanted = [...new Set(missing.map((i) => keys[i] ?? ''))];
  let rows: Map<string, SourceRecord<V>>;
  try {
    rows =
      core.source === undefined
        ? new Map<string, SourceRecord<V>>()
        : await core.source.load(wanted);
  } catch (error) {
    throw new SourceError('load', error);
  }
  await Promise.all(
    missing.map(async (index) => {
      const key = keys[index] ?? '';
      const row = rows.get(key);
      results[index] = row?.value;
      const guard = guards.get(index);
      if (row === undefined || guard === undefined) return;
      const payload = serializeOrThrow(core.serializer, row.value);
      const { record, ttlMs } = core.makeRecord('value', row.version, payload, []);
      const written = await core.l2
        .write(core.entryKey(key), record, ttlMs, 'fill')
        .catch(() => false);
      if (written) core.fillL1(guard, record, ttlMs, row.value);
    }),
  );
}
