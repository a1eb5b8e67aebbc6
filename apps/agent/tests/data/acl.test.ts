// API keys' Redis ACL users on real Redis: each agent applies them to its own node; a key reaches
// only its namespaces' keys and bus, a read key cannot write, admin commands are refused, revoked
// users disappear, and a restarted Redis gets them back.
import { createCache } from '@cachefleet/cache-core';
import {
  startRedis,
  startRedisCluster,
  type TestRedis,
  type TestRedisCluster,
} from '@cachefleet/testing';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AclApplier } from '../../src/data/acl-applier.js';
import { apiKey, type TestKey } from './harness.js';

const reader = apiKey({ alpha: 'read' });
const writer = apiKey({ beta: 'read-write' });

function admin(node: { host: string; port: number }): Redis {
  return new Redis({ host: node.host, port: node.port });
}

function applierFor(client: Redis): AclApplier {
  return new AclApplier((command, ...args) => client.call(command, ...args));
}

function as(cluster: TestRedisCluster, key: TestKey): Cluster {
  const { aclUser: username, aclPassword: password } = key.config;
  // No ready check: it runs INFO, which an API key's user may not.
  const client = new Cluster(cluster.startupNodes, {
    enableReadyCheck: false,
    redisOptions: { username, password, enableReadyCheck: false },
  });
  client.on('error', () => undefined);
  return client;
}

describe('API key ACL users on a Redis Cluster', () => {
  let cluster: TestRedisCluster;
  const admins: Redis[] = [];
  const clients: Cluster[] = [];

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    for (const node of cluster.nodes) {
      const client = admin(node);
      admins.push(client);
      const applier = applierFor(client);
      applier.setKeys([reader.config, writer.config]);
      await applier.reconcile();
    }
    clients.push(as(cluster, reader), as(cluster, writer));
    const seed = new Cluster(cluster.startupNodes);
    await seed.set('cf:alpha:x', 'a');
    await seed.set('cf:beta:x', 'b');
    await seed.quit();
  });
  afterAll(async () => {
    for (const c of [...clients, ...admins]) c.disconnect();
    await cluster.stop();
  });

  it('lets a read key GET its namespace and nothing else', async () => {
    const r = clients[0];
    if (r === undefined) throw new Error('no client');
    expect(await r.get('cf:alpha:x')).toBe('a');
    await expect(r.set('cf:alpha:x', 'changed')).rejects.toThrow(/NOPERM/);
    await expect(r.del('cf:alpha:x')).rejects.toThrow(/NOPERM/);
    await expect(r.get('cf:beta:x')).rejects.toThrow(/NOPERM/);
    await expect(r.set('cf:beta:x', 'changed')).rejects.toThrow(/NOPERM/);
  });

  it('lets a read-write key write its namespace only, and never run admin commands', async () => {
    const w = clients[1];
    if (w === undefined) throw new Error('no client');
    await w.set('cf:beta:y', '1');
    expect(await w.get('cf:beta:y')).toBe('1');
    await expect(w.get('cf:alpha:x')).rejects.toThrow(/NOPERM/);
    await expect(w.set('cf:alpha:x', 'changed')).rejects.toThrow(/NOPERM/);
    await expect(w.set('other', '1')).rejects.toThrow(/NOPERM/);
    for (const node of cluster.nodes) {
      const direct = new Redis({
        enableReadyCheck: false,
        host: node.host,
        port: node.port,
        username: writer.config.aclUser,
        password: writer.config.aclPassword,
      });
      await expect(direct.flushall()).rejects.toThrow(/NOPERM/);
      await expect(direct.config('GET', 'maxmemory')).rejects.toThrow(/NOPERM/);
      await expect(direct.keys('*')).rejects.toThrow(/NOPERM/);
      await expect(direct.call('ACL', 'LIST')).rejects.toThrow(/NOPERM/);
      direct.disconnect();
    }
    const check = new Cluster(cluster.startupNodes);
    expect(await check.get('other')).toBeNull();
    expect(await check.get('cf:alpha:x')).toBe('a');
    await check.quit();
  });

  it('gives cache-core everything it needs in its own namespace (write, read, bus, tags)', async () => {
    const w = clients[1];
    const r = clients[0];
    if (w === undefined || r === undefined) throw new Error('no client');
    const writerCache = createCache<string>({
      namespace: 'beta',
      l2: { client: w },
      policy: { writeMode: 'cache-aside' },
    });
    const readerCache = createCache<string>({
      namespace: 'alpha',
      l2: { client: r },
      policy: { writeMode: 'cache-aside' },
    });
    await writerCache.set('k', 'v', { tags: ['t'] });
    expect(await writerCache.get('k')).toBe('v');
    expect(writerCache.busConnected).toBe(true);
    await writerCache.invalidateTag('t');
    expect(await writerCache.get('k')).toBeUndefined();
    await writerCache.delete('k');
    expect(await readerCache.get('missing')).toBeUndefined();
    expect(readerCache.busConnected).toBe(true);
    await expect(readerCache.set('k', 'v')).rejects.toThrow();
    await writerCache.close();
    await readerCache.close();
  });
});

describe('ACL applier lifecycle', () => {
  let redis: TestRedis;
  let client: Redis;
  const keep = apiKey({ alpha: 'read' });
  const drop = apiKey({ beta: 'read' });

  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis({
      host: redis.host,
      port: redis.port,
      lazyConnect: true,
      retryStrategy: () => 50,
    });
    client.on('error', () => undefined);
    await client.call('ACL', 'SETUSER', 'cachefleet', 'on', '>pw', '~*', '+@all');
  });
  afterAll(async () => {
    client.disconnect();
    await redis.stop();
  });

  it('removes revoked users only, and re-applies after Redis restarted', async () => {
    const applier = applierFor(client);
    applier.setKeys([keep.config, drop.config]);
    expect(await applier.reconcile()).toBe(true);
    expect(await applier.reconcile()).toBe(false);
    applier.setKeys([keep.config]);
    await applier.reconcile();
    const users = (await client.call('ACL', 'USERS')) as string[];
    expect(users).toContain(keep.config.aclUser);
    expect(users).not.toContain(drop.config.aclUser);
    expect(users).toContain('cachefleet');
    await redis.kill();
    await redis.restart();
    await new Promise((r) => setTimeout(r, 200));
    expect((await client.call('ACL', 'USERS')) as string[]).not.toContain(keep.config.aclUser);
    expect(await applier.reconcile()).toBe(true);
    expect((await client.call('ACL', 'USERS')) as string[]).toContain(keep.config.aclUser);
  });
});
