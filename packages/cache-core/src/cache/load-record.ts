import type { L2Record } from '../record.js';
import { serializeOrThrow } from '../serializer.js';
import type { CacheCore } from './cache-core.js';

/**
 * The L2 record a load fills in: the value, or a negative entry for an absent key when the
 * namespace caches absence. Undefined when nothing should be cached: a value that cannot be
 * serialized, or one too large for the namespace (it is still served, just not cached).
 */
export function recordForLoad<V>(
  core: CacheCore<V>,
  loaded: { value: V | undefined; version: number } | undefined,
): { record: L2Record; ttlMs: number } | undefined {
  if (loaded !== undefined && loaded.value !== undefined) {
    let payload: string;
    try {
      payload = serializeOrThrow(core.serializer, loaded.value);
    } catch {
      return undefined;
    }
    if (Buffer.byteLength(payload) > core.policy.maxValueBytes) return undefined;
    return core.makeRecord('value', loaded.version, payload, []);
  }
  if (core.policy.negativeTtlMs <= 0) return undefined;
  return core.makeRecord('negative', loaded?.version ?? 0, '', []);
}
