// One namespace served by this agent: its cache-core cache, its PostgreSQL source (own small pool;
// the table and its version sequence are the console's to create) and, for write-behind, a drainer
// competing with the other agents' drainers for partition leases.
import {
  createCache,
  WriteBehindDrainer,
  type Cache,
  type RedisClient,
} from '@cachefleet/cache-core';
import { PostgresSource } from '@cachefleet/cache-core/postgres';
import type { NamespaceConfig } from './config-schema.js';
import { cachePolicy, l1Options } from './policy.js';

export type JsonValue = unknown;

export interface NamespaceRuntime {
  config: NamespaceConfig;
  cache: Cache<JsonValue>;
  drainer: WriteBehindDrainer<JsonValue> | undefined;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  client: RedisClient;
  /** Drainer tuning (tests shorten the idle wait). */
  drainer?: { idleMs?: number; maxAttempts?: number; retryBaseMs?: number };
}

function createSource(ns: NamespaceConfig): PostgresSource<JsonValue> | undefined {
  if (ns.source === null) return undefined;
  // Any mapping the console accepted: custom column names, jsonb or bytea (JSON text as UTF-8).
  const { connectionString, table, keyColumn, valueColumn, versionColumn, valueType } = ns.source;
  return new PostgresSource<JsonValue>({
    connectionString,
    table,
    keyColumn,
    valueColumn,
    versionColumn,
    valueType,
    maxConnections: 4,
  });
}

export function startNamespace(ns: NamespaceConfig, options: RuntimeOptions): NamespaceRuntime {
  const source = createSource(ns);
  const policy = cachePolicy(ns);
  const cache = createCache<JsonValue>({
    namespace: ns.name,
    l1: l1Options(ns),
    l2: { client: options.client },
    source,
    policy,
  });
  const drainer =
    ns.writeMode === 'write-behind' && source !== undefined
      ? new WriteBehindDrainer<JsonValue>({
          client: options.client,
          namespace: ns.name,
          source,
          ttlMs: policy.ttlMs,
          ...options.drainer,
        })
      : undefined;
  drainer?.start();
  return {
    config: ns,
    cache,
    drainer,
    async close() {
      await drainer?.stop();
      await cache.close();
      await source?.close();
    },
  };
}
