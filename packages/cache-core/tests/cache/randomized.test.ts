import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  databaseKinds,
  startTestDatabase,
  waitForClusterOk,
  type TestDatabase,
} from '@cachefleet/testing';
import type { Cache } from '../../src/index.js';
import type { PostgresSource } from '../../src/postgres/index.js';
import { closeAll, openCaches, waitForBus } from '../helpers/caches.js';
import { CommitLog } from '../helpers/commit-log.js';
import { createSource, rowOf, uniqueName, waitFor } from '../helpers/pg-table.js';
import { startTarget, type RedisTarget } from '../helpers/redis-targets.js';

type Val = { w: number; i: number };

const keys = Array.from({ length: 12 }, (_, i) => `key-${i}`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function killConnections(target: RedisTarget): Promise<void> {
  for (const node of target.cluster?.nodes ?? []) {
    const admin = new Redis({
      port: node.port,
      host: node.host,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
    });
    admin.on('error', () => undefined);
    try {
      await admin.connect();
      await admin.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
      await admin.client('KILL', 'TYPE', 'pubsub');
    } catch {
      // a node that is down has no connections to drop
    } finally {
      admin.disconnect();
    }
  }
}

/** A primary that has a connected replica, so the cluster fails over when it dies. */
async function pickPrimary(target: RedisTarget): Promise<number> {
  const nodes = target.cluster?.nodes ?? [];
  const admin = new Redis({ port: nodes[0]?.port ?? 0, host: '127.0.0.1' });
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      // CLUSTER NODES lines: id addr flags master-id ... link-state
      const text = String(await admin.call('CLUSTER', 'NODES'));
      const lines = text
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' '));
      const served = new Set(
        lines.filter((f) => f[3] !== '-' && f[7] === 'connected').map((f) => f[3]),
      );
      const primary = lines.find((f) => f[2]?.includes('master') && served.has(f[0]));
      const port = Number(primary?.[1]?.split('@')[0]?.split(':')[1]);
      const index = nodes.findIndex((n) => n.port === port);
      if (index >= 0) return index;
      await sleep(100);
    }
  } finally {
    admin.disconnect();
  }
  throw new Error('no primary with a connected replica');
}

async function worker(
  cache: Cache<Val>,
  w: number,
  until: () => boolean,
  stats: { ok: number; failed: number },
): Promise<void> {
  let i = 0;
  while (!until()) {
    const key = keys[Math.floor(Math.random() * keys.length)] ?? 'key-0';
    const roll = Math.random();
    try {
      if (roll < 0.5) await cache.getOrLoad(key);
      else if (roll < 0.85) await cache.set(key, { w, i: i++ });
      else await cache.delete(key);
      stats.ok++;
    } catch (error) {
      stats.failed++;
      // Never spin on a closed cache (a failed test closes them in afterAll).
      if ((error as { code?: string }).code === 'E_CLOSED') return;
    }
  }
}

describe('randomized concurrency with dropped connections and a primary failover', () => {
  let db: TestDatabase;
  let target: RedisTarget;
  let table: string;
  let pgSource: PostgresSource<Val>;
  let log: CommitLog<Val>;
  let caches: Cache<Val>[] = [];

  beforeAll(async () => {
    const kind = databaseKinds().at(-1) ?? 'pglite';
    [db, target] = await Promise.all([startTestDatabase(kind), startTarget('cluster', 1)]);
    table = uniqueName('rand');
    pgSource = await createSource<Val>(db.url, table);
    log = new CommitLog(pgSource);
    caches = await openCaches(target, uniqueName('rand'), log, 4, { hardTimeoutMs: 3000 }, true);
  }, 60_000);
  afterAll(async () => {
    await closeAll(caches);
    await pgSource.pool.end();
    await Promise.all([target.stop(), db.stop()]);
  });

  it('ends with every tier equal to PostgreSQL and no acknowledged write lost', async () => {
    let stop = false;
    const stats = { ok: 0, failed: 0 };
    const seen = { gaps: 0, repairs: 0, l2Errors: 0, drops: 0 };
    for (const cache of caches) {
      cache.events.on('busGap', () => {
        seen.gaps++;
      });
      cache.events.on('repairQueued', () => {
        seen.repairs++;
      });
      cache.events.on('l2Error', () => {
        seen.l2Errors++;
      });
      cache.events.on('l1Dropped', () => {
        seen.drops++;
      });
    }
    const workers = caches.flatMap((cache, w) =>
      Array.from({ length: 3 }, () => worker(cache, w, () => stop, stats)),
    );
    const victim = target.cluster?.nodes[await pickPrimary(target)];
    try {
      await sleep(1200);
      await killConnections(target);
      await sleep(800);
      await victim?.kill();
      await sleep(6000);
    } finally {
      stop = true;
      await Promise.all(workers);
    }
    await victim?.restart();
    await waitForClusterOk(target.cluster?.nodes ?? [], 30_000);

    // Quiescence: every committed write has reached L2 and the bus, every bus is subscribed.
    await waitFor(async () => {
      await Promise.all(caches.map((cache) => cache.flushRepairs()));
      return caches.every((cache) => cache.pendingRepairs === 0);
    }, 30_000);
    await Promise.all(caches.map((cache) => waitForBus(cache, 15_000)));
    await sleep(300);

    console.info(
      'randomized run',
      JSON.stringify({ ...stats, ...seen, commits: log.commits.length }),
    );
    expect(stats.ok).toBeGreaterThan(50);
    // The faults really happened: subscriptions were lost and re-established.
    expect(seen.gaps).toBeGreaterThanOrEqual(caches.length);
    expect(seen.repairs + seen.l2Errors).toBeGreaterThan(0);
    const latest = log.latest();
    for (const key of keys) {
      const row = await rowOf(pgSource.pool, table, key);
      const last = latest.get(key);
      // No acknowledged write is missing: PostgreSQL holds the highest-versioned commit.
      if (last !== undefined) expect(row?.version ?? last.version).toBe(last.version);
      expect(row?.value).toEqual(last?.value);
      for (const cache of caches) {
        const view = await cache.inspect(key);
        if (view.l1 !== undefined) expect(view.l1.value).toEqual(row?.value);
        if (view.l2?.kind === 'value') {
          expect(JSON.parse(view.l2.payload)).toEqual(row?.value);
          expect(view.l2.version).toBe(row?.version);
        }
        if (view.l2?.kind === 'negative') expect(row).toBeUndefined();
        expect(await cache.getOrLoad(key)).toEqual(row?.value);
      }
    }
  }, 90_000);
});
