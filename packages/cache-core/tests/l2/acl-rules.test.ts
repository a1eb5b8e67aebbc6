// namespaceAclRules on a real Redis Cluster: a user holding a namespace's rules runs cache-core's
// read path and bus (and its write path with read-write), and reaches nothing else.
import { startRedisCluster, type TestRedisCluster } from '@cachefleet/testing';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCache,
  namespaceAclRules,
  scopesAclRules,
  type Source,
  type SourceRecord,
} from '../../src/index.js';
import { waitForBus } from '../helpers/caches.js';

const users = {
  reader: scopesAclRules([{ namespace: 'alpha', permission: 'read' }]),
  writer: scopesAclRules([{ namespace: 'beta', permission: 'read-write' }]),
};

/** A versioned in-memory source, so the write-through scripts run with real versions. */
function memorySource(): Source<string> {
  const rows = new Map<string, SourceRecord<string>>([['loaded', { value: 'L', version: 1 }]]);
  let clock = 10;
  const commit = (keys: readonly string[], apply: (key: string, version: number) => void) =>
    Promise.resolve(new Map(keys.map((key) => (apply(key, ++clock), [key, clock] as const))));
  return {
    load: (keys) =>
      Promise.resolve(
        new Map(
          keys.flatMap((k) => {
            const row = rows.get(k);
            return row === undefined ? [] : [[k, row] as const];
          }),
        ),
      ),
    store: (entries) => {
      const values = new Map(entries.map((e) => [e.key, e.value]));
      return commit([...values.keys()], (key, version) =>
        rows.set(key, { value: values.get(key) ?? '', version }),
      );
    },
    remove: (keys) => commit(keys, (key) => rows.delete(key)),
  };
}

describe('namespaceAclRules', () => {
  let cluster: TestRedisCluster;
  const clients: Cluster[] = [];

  function as(name: keyof typeof users): Cluster {
    // No ready check: it runs INFO, which these users may not.
    const client = new Cluster(cluster.startupNodes, {
      enableReadyCheck: false,
      redisOptions: { username: name, password: `pw-${name}`, enableReadyCheck: false },
    });
    client.on('error', () => undefined);
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    for (const node of cluster.nodes) {
      const admin = new Redis({ host: node.host, port: node.port });
      for (const [name, rules] of Object.entries(users)) {
        await admin.call('ACL', 'SETUSER', name, 'reset', 'on', `>pw-${name}`, ...rules);
      }
      admin.disconnect();
    }
    const seed = new Cluster(cluster.startupNodes);
    await seed.set('cf:gamma:x', 'other');
    await seed.quit();
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await cluster.stop();
  });

  it('lists the namespace keys, its bus channel and the write commands only for read-write', () => {
    const read = namespaceAclRules('alpha', 'read');
    expect(read).toEqual(expect.arrayContaining(['%R~cf:alpha:*', '&cf:alpha:bus', '+get']));
    expect(read).not.toContain('+evalsha');
    const write = namespaceAclRules('beta', 'read-write');
    expect(write).toEqual(
      expect.arrayContaining(['~cf:beta:*', '+evalsha', '+multi', '+exec', '+wait']),
    );
    expect(write.some((rule) => rule.includes('@'))).toBe(false);
  });

  it('runs the write path, read-through, getMany, tags and the bus with read-write rules', async () => {
    const cache = createCache<string>({
      namespace: 'beta',
      l2: { client: as('writer') },
      source: memorySource(),
    });
    await cache.ready;
    await waitForBus(cache);
    await cache.setMany([
      { key: 'a', value: '1', options: { tags: ['t'] } },
      { key: 'b', value: '2' },
    ]);
    expect(await cache.getMany(['a', 'b', 'c'])).toEqual(['1', '2', undefined]);
    expect(await cache.getOrLoad('loaded')).toBe('L');
    await cache.invalidateTag('t');
    expect(await cache.get('a')).toBeUndefined();
    await cache.delete('b');
    await cache.clearNamespace();
    expect(cache.pendingRepairs).toBe(0);
    await cache.close();
  });

  it('reads and follows the bus with read rules, and refuses writes', async () => {
    const cache = createCache<string>({
      namespace: 'alpha',
      l2: { client: as('reader') },
      policy: { writeMode: 'cache-aside' },
    });
    await cache.ready;
    await waitForBus(cache);
    expect(await cache.get('missing')).toBeUndefined();
    expect(await cache.getMany(['x', 'y'])).toEqual([undefined, undefined]);
    await expect(cache.set('k', 'v')).rejects.toThrow();
    await cache.close();
  });

  it('reaches no other namespace and no admin command', async () => {
    for (const name of ['reader', 'writer'] as const) {
      const client = as(name);
      await expect(client.get('cf:gamma:x')).rejects.toThrow(/NOPERM/);
      await expect(client.set('cf:gamma:y', '1')).rejects.toThrow(/NOPERM/);
      await expect(client.call('FLUSHALL')).rejects.toThrow(/NOPERM/);
      await expect(client.call('CONFIG', 'GET', 'maxmemory')).rejects.toThrow(/NOPERM/);
      await expect(client.call('KEYS', 'cf:beta:*')).rejects.toThrow(/NOPERM/);
    }
  });
});
