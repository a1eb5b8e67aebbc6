import type { Cluster } from 'ioredis';
import { BoundedCluster, createCache, type Cache } from '@cachefleet/cache-core';
import type { NamespaceAccess, NamespacePolicy } from '../access.js';
import { UnavailableError } from '../errors.js';
import { AgentHttp, type FetchLike } from './agent-http.js';
import { AgentSource } from './agent-source.js';
import { embeddedPolicy, nearCacheSize } from './policy.js';

export interface DirectOptions {
  /** Asks the control plane for the namespace's access (sdk.namespace). */
  fetchAccess: () => Promise<NamespaceAccess>;
  apiKey: string;
  fetch: FetchLike;
  /** Per data API request. */
  timeoutMs: number;
}

/** A connected direct-mode namespace: cache-core on Redis as the key's ACL user, agents behind it. */
export interface DirectConnection<T> {
  cache: Cache<T>;
  /** The agents' data API, for misses of L1 and L2 (see DirectNamespace.readThrough). */
  agents: AgentSource<T>;
  permission: NamespaceAccess['permission'];
  policy: NamespacePolicy;
  close(): Promise<void>;
}

const commandTimeoutMs = 2_000;

function agentUrls(access: NamespaceAccess): string[] {
  return access.agents.map((agent) => agent.url);
}

/** ioredis Cluster as the API key's ACL user, which may only touch `cf:<ns>:*` and the bus. */
function connectRedis(access: NamespaceAccess): Cluster {
  const { nodes, username, password } = access.redis;
  if (nodes.length === 0) {
    throw new UnavailableError(
      'E_NOT_READY',
      `namespace ${access.name}'s cluster has no nodes yet`,
    );
  }
  const client = new BoundedCluster(nodes, {
    redisOptions: {
      username,
      password,
      // The ACL user may not run INFO, which ioredis' ready check sends.
      enableReadyCheck: false,
      // A read fails fast (and falls back to an agent) instead of hanging while a node is down,
      // or while the Cluster has no node at all (see BoundedCluster).
      commandTimeout: commandTimeoutMs,
      maxRetriesPerRequest: 2,
    },
    slotsRefreshTimeout: 2_000,
  });
  // Errors surface on commands (and as cache-core l2Error events); unhandled, they would crash.
  client.on('error', () => undefined);
  return client;
}

/**
 * QUIT lets replies in flight arrive; a Redis that does not answer it within the command bound
 * (stopped, or never connected) is disconnected instead of waited for.
 */
async function quitWithin(redis: Cluster, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const quit = redis.quit().then(
    () => true,
    () => false,
  );
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => {
      resolve(false);
    }, timeoutMs);
  });
  try {
    if (!(await Promise.race([quit, late]))) redis.disconnect();
  } finally {
    clearTimeout(timer);
  }
}

/** cache-core waits for Redis as long as it takes; a service should hear that it is not there. */
async function readyWithin(cache: Cache<unknown>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(
        new UnavailableError('E_L2_UNAVAILABLE', `Redis did not answer within ${timeoutMs} ms`),
      );
    }, timeoutMs);
  });
  try {
    await Promise.race([cache.ready, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function connectDirect<T>(options: DirectOptions): Promise<DirectConnection<T>> {
  const access = await options.fetchAccess();
  const http = new AgentHttp({
    urls: agentUrls(access),
    apiKey: options.apiKey,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    refreshUrls: async () => agentUrls(await options.fetchAccess()),
  });
  const redis = connectRedis(access);
  const ref: { cache?: Cache<T> } = {};
  const source = new AgentSource<T>(http, access.name, async (key) => {
    if (ref.cache === undefined) throw new Error('inspect before the cache exists');
    return ref.cache.inspect(key);
  });
  const cache = createCache<T>({
    namespace: access.name,
    l1: nearCacheSize(access.policy),
    l2: { client: redis },
    source,
    policy: embeddedPolicy(access.policy),
  });
  ref.cache = cache;
  try {
    await readyWithin(cache, options.timeoutMs);
  } catch (error) {
    // close() resolves at once even while startup waits on Redis; nothing here waits on Redis.
    await cache.close();
    redis.disconnect();
    throw error;
  }
  return {
    cache,
    agents: source,
    permission: access.permission,
    policy: access.policy,
    async close() {
      // Resolves at once, whatever state the cache's startup is in.
      await cache.close();
      await quitWithin(redis, commandTimeoutMs);
    },
  };
}
