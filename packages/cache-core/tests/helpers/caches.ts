import { createCache, type Cache, type CachePolicy, type Source } from '../../src/index.js';
import type { RedisTarget } from './redis-targets.js';

/** n caches of one namespace, each with its own Redis connections, as n processes would have. */
export async function openCaches<V>(
  target: RedisTarget,
  namespace: string,
  source: Source<V> | undefined,
  count: number,
  policy: Partial<CachePolicy> = {},
  replicated = false,
): Promise<Cache<V>[]> {
  const caches = Array.from({ length: count }, () =>
    createCache<V>({
      namespace,
      l2: {
        client: target.client(),
        ...(replicated ? { replicatedWrites: { replicas: 1, timeoutMs: 500 } } : {}),
      },
      source,
      policy,
    }),
  );
  await Promise.all(caches.map((cache) => cache.ready));
  await Promise.all(caches.map((cache) => waitForBus(cache)));
  return caches;
}

/** Resolves once the cache's bus subscription is up (its L1 is trusted from then on). */
export function waitForBus<V>(cache: Cache<V>, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const poll = (): void => {
      if (cache.busConnected) resolve();
      else if (Date.now() > deadline) reject(new Error('bus did not connect'));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

export async function closeAll<V>(caches: readonly Cache<V>[]): Promise<void> {
  await Promise.all(caches.map((cache) => cache.close()));
}
