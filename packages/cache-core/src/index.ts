export * from './l1/index.js';
export { createCache, type CacheOptions } from './cache/create-cache.js';
export { Cache, type TierView } from './cache/cache.js';
export type { SetOptions as CacheSetOptions } from './cache/write-path.js';
export type { Loader } from './cache/load-path.js';
export type { CacheEntry, ReadTier } from './cache/read-entry.js';
export { defaultPolicy, type CachePolicy, type WriteMode } from './cache/policy.js';
export * from './errors.js';
export { CacheEvents, type CacheEventMap, type CacheEventName, type Tier } from './events.js';
export { jsonSerializer, type Serializer } from './serializer.js';
export type { Source, SourceRecord } from './source/source.js';
export type { L2Driver, WriteMode as L2WriteMode, AffectedSlots } from './l2/driver.js';
export { RedisDriver, type RedisDriverOptions } from './l2/redis-driver.js';
export type { RedisClient } from './l2/redis-client.js';
export { BoundedCluster } from './l2/bounded-cluster.js';
export type { L2Record, RecordKind } from './record.js';
export { decodeRecord } from './l2/record-codec.js';
export { KeyLayout } from './keys.js';
export { namespaceAclRules, scopesAclRules, type NamespacePermission } from './l2/acl-rules.js';
export { keySlot } from './slot.js';
export { MAX_KEY_BYTES, DEFAULT_MAX_VALUE_BYTES, MAX_VALUE_BYTES_CEILING } from './limits.js';
export {
  WriteBehindDrainer,
  type DrainerOptions,
  type DeadLetter,
} from './write-behind/drainer.js';
