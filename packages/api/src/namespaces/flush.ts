import type { Cluster, Redis } from 'ioredis';

const batch = 500;

/** SCANs one node for `pattern` and UNLINKs what it finds, key by key (keys span many slots). */
async function flushNode(node: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let removed = 0;
  do {
    const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', batch);
    cursor = next;
    if (keys.length > 0) {
      const pipeline = node.pipeline();
      for (const key of keys) pipeline.unlink(key);
      const results = (await pipeline.exec()) ?? [];
      removed += results.filter(([error, count]) => !error && count === 1).length;
    }
  } while (cursor !== '0');
  return removed;
}

/** Removes every key of a namespace (`cf:<ns>:*`) from every primary; never KEYS. */
export async function flushNamespaceKeys(client: Cluster, namespace: string): Promise<number> {
  const pattern = `cf:${namespace}:*`;
  const counts = await Promise.all(client.nodes('master').map((node) => flushNode(node, pattern)));
  return counts.reduce((a, b) => a + b, 0);
}
