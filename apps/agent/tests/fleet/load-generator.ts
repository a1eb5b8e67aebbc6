// Continuous reads and writes through cache-core on an ioredis Cluster L2 (as the cluster user),
// counting every failed call, plus a count-and-checksum snapshot of what the cluster holds.
import { createHash } from 'node:crypto';
import { createCache, type Cache } from '@cachefleet/cache-core';
import { Cluster } from 'ioredis';

export interface LoadGenerator {
  cache: Cache<string>;
  /** What every key should read now (the last value written to it). */
  expected: Map<string, string>;
  stats: LoadStats;
  start(): void;
  stop(): Promise<void>;
  close(): Promise<void>;
}

export interface LoadStats {
  reads: number;
  writes: number;
  failures: number;
  errors: string[];
  /** L2 errors cache-core reported but did not throw (by operation and error class). */
  l2Errors: Record<string, number>;
}

/** "read: TRYAGAIN" from "TRYAGAIN Multiple keys request during rehashing of slot": bounded. */
function errorClass(operation: string, error: Error): string {
  const word = /^[A-Z]+\b/.exec(error.message)?.[0] ?? error.name;
  return `${operation}: ${word}`;
}

export function clusterClient(
  nodes: { host: string; port: number }[],
  user: { username: string; password: string },
): Cluster {
  const client = new Cluster(nodes, {
    redisOptions: { username: user.username, password: user.password },
    enableAutoPipelining: true,
  });
  client.on('error', () => undefined);
  return client;
}

export function startLoad(client: Cluster, keys: number): LoadGenerator {
  const cache = createCache<string>({
    namespace: 'load',
    l1: false,
    l2: { client },
    policy: { writeMode: 'cache-aside', ttlMs: 3_600_000 },
  });
  const expected = new Map<string, string>();
  const stats: LoadStats = { reads: 0, writes: 0, failures: 0, errors: [], l2Errors: {} };
  cache.events.on('l2Error', ({ operation, error }) => {
    const name = errorClass(operation, error);
    stats.l2Errors[name] = (stats.l2Errors[name] ?? 0) + 1;
    if (stats.errors.length < 10) stats.errors.push(`l2 ${operation}: ${error.message}`);
  });
  const state = { running: false, loop: Promise.resolve() };
  const fail = (error: unknown) => {
    stats.failures += 1;
    if (stats.errors.length < 10)
      stats.errors.push(error instanceof Error ? error.message : String(error));
  };
  const worker = async (id: number) => {
    for (let i = 0; state.running; i += 1) {
      const key = `w${id}:${i % keys}`;
      const value = `${id}-${i}`;
      try {
        await cache.set(key, value);
        expected.set(key, value);
        stats.writes += 1;
        const read = await cache.get(key);
        stats.reads += 1;
        if (read !== value) fail(new Error(`read ${key}: ${String(read)} ≠ ${value}`));
      } catch (error) {
        fail(error);
      }
    }
  };
  return {
    cache,
    expected,
    stats,
    start() {
      state.running = true;
      state.loop = Promise.all([0, 1, 2, 3].map(worker)).then(() => undefined);
    },
    async stop() {
      state.running = false;
      await state.loop;
    },
    async close() {
      await cache.close();
      client.disconnect();
    },
  };
}

/** Writes `count` keys; returns them with their values. */
export async function seed(
  cache: Cache<string>,
  count: number,
  prefix: string,
): Promise<Map<string, string>> {
  const written = new Map<string, string>();
  for (let start = 0; start < count; start += 200) {
    const batch = Array.from(
      { length: Math.min(200, count - start) },
      (_, i) => `${prefix}:${start + i}`,
    );
    await Promise.all(batch.map((key) => cache.set(key, `v-${key}`)));
    for (const key of batch) written.set(key, `v-${key}`);
  }
  return written;
}

/** How many of the keys read back, and a checksum over what they read. */
export async function snapshot(
  cache: Cache<string>,
  keys: Iterable<string>,
): Promise<{ count: number; checksum: string }> {
  const hash = createHash('sha256');
  let count = 0;
  const all = [...keys].sort();
  for (let start = 0; start < all.length; start += 200) {
    const batch = all.slice(start, start + 200);
    const values = await Promise.all(batch.map((key) => cache.get(key)));
    batch.forEach((key, i) => {
      const value = values[i];
      if (value === undefined) return;
      count += 1;
      hash.update(`${key}=${value}\n`);
    });
  }
  return { count, checksum: hash.digest('hex') };
}

/** The same snapshot computed from an expected map. */
export function expectedSnapshot(expected: Map<string, string>): {
  count: number;
  checksum: string;
} {
  const hash = createHash('sha256');
  for (const key of [...expected.keys()].sort()) hash.update(`${key}=${expected.get(key) ?? ''}\n`);
  return { count: expected.size, checksum: hash.digest('hex') };
}
