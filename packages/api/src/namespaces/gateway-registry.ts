import { createCache, type Cache } from '@cachefleet/cache-core';
import { PostgresSource } from '@cachefleet/cache-core/postgres';
import { findDataSource, type Namespace } from '@cachefleet/db';
import type { Cluster } from 'ioredis';
import type { Context } from '../context.js';
import { requireSealer } from '../security/require-sealer.js';
import { cachePolicyOf } from './cache-policy.js';
import { clusterClient } from './cluster-connections.js';
import { requireNamespace } from './namespace-settings.js';

export interface GatewayCache {
  namespace: Namespace;
  cache: Cache<unknown>;
  hasSource: boolean;
}

interface Entry extends GatewayCache {
  client: Cluster;
  source: PostgresSource<unknown> | undefined;
  checkedAt: number;
}

/** How long a built cache is trusted before its namespace row is read again. */
const recheckMs = 1_000;
const entries = new Map<string, Entry>();

async function build(ctx: Context, namespace: Namespace, client: Cluster): Promise<Entry> {
  const sealer = requireSealer(ctx);
  const dataSource = namespace.dataSourceId
    ? await findDataSource(ctx.db, namespace.dataSourceId)
    : undefined;
  const source =
    dataSource && namespace.source
      ? new PostgresSource<unknown>({
          connectionString: sealer.open(dataSource.connectionSealed),
          ...namespace.source,
          maxConnections: 4,
        })
      : undefined;
  const { l1MaxEntries, l1MaxBytes } = namespace.policy;
  const cache = createCache<unknown>({
    namespace: namespace.name,
    l1: { maxEntries: l1MaxEntries, maxBytes: l1MaxBytes },
    l2: { client },
    source,
    policy: cachePolicyOf(namespace.policy),
  });
  return { namespace, cache, hasSource: !!source, client, source, checkedAt: Date.now() };
}

async function close(entry: Entry): Promise<void> {
  await entry.cache.close();
  await entry.source?.close();
}

/**
 * The web process's cache-core instance for a namespace, rebuilt when the namespace's revision or
 * its cluster connection changes; E_UNKNOWN_NAMESPACE once the namespace is gone.
 */
export async function gatewayCache(ctx: Context, name: string): Promise<GatewayCache> {
  const cached = entries.get(name);
  if (cached && Date.now() - cached.checkedAt < recheckMs) return cached;
  const namespace = await requireNamespace(ctx, name).catch(async (error: unknown) => {
    entries.delete(name);
    if (cached) await close(cached);
    throw error;
  });
  const client = await clusterClient(ctx.db, requireSealer(ctx), namespace.clusterId);
  if (cached?.namespace.revision === namespace.revision && cached.client === client) {
    cached.checkedAt = Date.now();
    return cached;
  }
  const entry = await build(ctx, namespace, client);
  entries.set(name, entry);
  if (cached) await close(cached);
  return entry;
}

/** Closes every gateway cache of this process (tests, shutdown). */
export async function closeGatewayCaches(): Promise<void> {
  const all = [...entries.values()];
  entries.clear();
  await Promise.all(all.map(close));
}
