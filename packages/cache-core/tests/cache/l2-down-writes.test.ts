import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redis, type Command } from 'ioredis';
import {
  databaseKinds,
  startRedis,
  startTestDatabase,
  type TestDatabase,
  type TestRedis,
} from '@cachefleet/testing';
import { createCache, type Cache, type CachePolicy, type Source } from '../../src/index.js';
import type { PostgresSource } from '../../src/postgres/index.js';
import { waitForBus } from '../helpers/caches.js';
import { createSource, uniqueName, waitFor } from '../helpers/pg-table.js';

type Val = { v: number };

/**
 * A cache on a real redis-server whose client SIGKILLs the server when the L2 write of `key` is
 * about to go out, i.e. after the write's version is known (source commit or namespace counter).
 */
async function openWithKillOnWrite(
  server: TestRedis,
  key: string,
  policy: Partial<CachePolicy>,
  source?: Source<Val>,
): Promise<{ cache: Cache<Val>; client: Redis; armed: { on: boolean } }> {
  // No retries per request: a command caught by the crash fails at the first reconnect attempt.
  const client = new Redis({
    port: server.port,
    enableAutoPipelining: true,
    maxRetriesPerRequest: 0,
  });
  client.on('error', () => undefined);
  const armed = { on: false };
  const send = client.sendCommand.bind(client);
  client.sendCommand = (command: Command, stream) => {
    const isWrite = /^eval/.test(command.name) && String(command.args[2]).endsWith(`{${key}}`);
    if (!armed.on || !isWrite) return send(command, stream);
    armed.on = false;
    // The command's own promise carries the outcome to the cache; this chain only sends it.
    void server.kill().then(() => {
      void send(command, stream);
    });
    return command.promise;
  };
  const cache = createCache<Val>({ namespace: uniqueName('down'), l2: { client }, source, policy });
  await cache.ready;
  await waitForBus(cache);
  return { cache, client, armed };
}

describe('cache-aside writes while the L2 server dies', () => {
  let server: TestRedis | undefined;
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
    await server?.stop();
  });

  it('set rejects with E_L2_UNAVAILABLE and leaves neither value behind', async () => {
    server = await startRedis();
    const { cache, client, armed } = await openWithKillOnWrite(server, 'k', {
      writeMode: 'cache-aside',
    });
    cleanup.push(
      () => cache.close(),
      () => {
        client.disconnect();
      },
    );
    await cache.set('k', { v: 1 });
    expect(await cache.get('k')).toEqual({ v: 1 });

    armed.on = true;
    await expect(cache.set('k', { v: 2 })).rejects.toMatchObject({ code: 'E_L2_UNAVAILABLE' });
    expect(cache.pendingRepairs).toBe(0);
    expect((await cache.inspect('k').catch(() => undefined))?.l1).toBeUndefined();

    // Redis comes back empty: nothing this process kept brings v2 (or v1) back.
    await server.restart();
    await waitForBus(cache);
    await cache.flushRepairs();
    expect(await cache.inspect('k')).toEqual({ l1: undefined, l2: undefined });
    expect(await cache.get('k')).toBeUndefined();
  });
});

describe.each(databaseKinds())('write-through writes while the L2 server dies, on %s', (kind) => {
  let db: TestDatabase;
  let pgSource: PostgresSource<Val>;
  let server: TestRedis | undefined;
  const cleanup: (() => Promise<void> | void)[] = [];
  beforeAll(async () => {
    db = await startTestDatabase(kind);
    pgSource = await createSource<Val>(db.url);
  });
  afterAll(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
    await server?.stop();
    await pgSource.pool.end();
    await db.stop();
  });

  it('set resolves after the commit, and the repair lands once Redis is back', async () => {
    server = await startRedis();
    const { cache, client, armed } = await openWithKillOnWrite(server, 'k', {}, pgSource);
    cleanup.push(
      () => cache.close(),
      () => {
        client.disconnect();
      },
    );
    armed.on = true;
    const version = await cache.set('k', { v: 2 });
    expect(cache.pendingRepairs).toBe(1);
    expect(await cache.get('k')).toEqual({ v: 2 });

    await server.restart();
    await waitFor(async () => {
      await cache.flushRepairs();
      return cache.pendingRepairs === 0;
    });
    expect((await cache.inspect('k')).l2).toMatchObject({ version, kind: 'value' });
  });
});
