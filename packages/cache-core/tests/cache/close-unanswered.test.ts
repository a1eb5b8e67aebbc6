// close() must not wait for a startup that waits on Redis: an ioredis Cluster keeps commands in
// its offline queue with no timeout while it cannot connect, and a stopped server never answers.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, Redis } from 'ioredis';
import {
  freePort,
  startRedis,
  startRedisCluster,
  type TestRedis,
  type TestRedisCluster,
} from '@cachefleet/testing';
import { ShardSubscriber } from '../../src/bus/shard-subscriber.js';
import { createCache } from '../../src/index.js';

const fixture = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'fixtures/close-unanswered.ts',
);
// Generous: catches a hang, not a slow start of tsx on a busy machine.
const exitBoundMs = 20_000;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
}

function runFixture(kind: 'single' | 'cluster', port: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', fixture, kind, String(port)],
      { timeout: exitBoundMs, killSignal: 'SIGKILL' },
      (_error, stdout) => {
        resolve({ code: child.exitCode, signal: child.signalCode, stdout });
      },
    );
  });
}

describe('close() while Redis does not answer', () => {
  let stopped: TestRedis | undefined;
  afterEach(async () => {
    stopped?.process.kill('SIGCONT');
    await stopped?.stop();
    stopped = undefined;
  });

  it('a Cluster client with no node listening: close resolves, get rejects E_CLOSED, the process exits', async () => {
    const run = await runFixture('cluster', await freePort());
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ closed: true, get: 'E_CLOSED' });
  });

  it('a stopped (SIGSTOP) redis-server: close resolves, get rejects E_CLOSED, the process exits', async () => {
    stopped = await startRedis();
    stopped.process.kill('SIGSTOP');
    const run = await runFixture('single', stopped.port);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ closed: true, get: 'E_CLOSED' });
  });
});

describe('close() during startup on a healthy cluster', () => {
  let cluster: TestRedisCluster;
  let admin: Redis[];
  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    admin = cluster.nodes.map((n) => new Redis({ port: n.port, host: n.host }));
  });
  afterAll(async () => {
    admin.forEach((node) => {
      node.disconnect();
    });
    await cluster.stop();
  });

  async function subscribers(channel: string): Promise<number[]> {
    const replies = await Promise.all(
      admin.map((node) => node.call('PUBSUB', 'SHARDNUMSUB', channel)),
    );
    return replies.map((reply) => (reply as [string, number])[1]);
  }

  const delaysMs = [0, 1, 3, 10, 30];

  it.each(delaysMs)('a cache closed after %i ms leaves no bus subscription', async (delayMs) => {
    const client = new Cluster(cluster.startupNodes);
    client.on('error', () => undefined);
    const namespace = `closing${delayMs}`;
    const cache = createCache<string>({
      namespace,
      l2: { client },
      policy: { writeMode: 'cache-aside' },
    });
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    await cache.close();
    await cache.ready;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(cache.busConnected).toBe(false);
    expect(await subscribers(`cf:${namespace}:bus`)).toEqual([0, 0, 0]);
    client.disconnect();
  });

  it.each(delaysMs)(
    'a subscriber closed %i ms into its first attempt never reports up and leaves nothing open',
    async (delayMs) => {
      const client = new Cluster(cluster.startupNodes);
      client.on('error', () => undefined);
      const channel = `cf:sub${delayMs}:bus`;
      const events: string[] = [];
      const subscriber = new ShardSubscriber(client, channel, {
        message: () => undefined,
        up: () => events.push('up'),
        down: () => events.push('down'),
      });
      const started = subscriber.start();
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      subscriber.close();
      events.push('closed');
      await started;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(events.slice(events.indexOf('closed') + 1)).toEqual([]);
      expect(await subscribers(channel)).toEqual([0, 0, 0]);
      client.disconnect();
    },
  );
});
