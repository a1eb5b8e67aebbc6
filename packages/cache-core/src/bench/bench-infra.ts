import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

/** A throwaway redis-server for a benchmark; stop() kills it and removes its folder. */
export interface BenchRedis {
  port: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

async function waitReady(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const client = new Redis({ port, lazyConnect: true, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      client.disconnect();
    }
  }
}

export async function startBenchRedis(): Promise<BenchRedis> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cf-bench-redis-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
  ];
  const child: ChildProcess = spawn(process.env.REDIS_SERVER_BIN ?? 'redis-server', args, {
    stdio: 'ignore',
  });
  await waitReady(port);
  return {
    port,
    async stop() {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** DATABASE_URL, or an embedded PGlite through the test harness (a dev dependency, loaded lazily). */
export async function benchDatabase(): Promise<{
  url: string;
  kind: string;
  stop(): Promise<void>;
}> {
  const url = process.env.DATABASE_URL;
  if (url !== undefined && url !== '')
    return { url, kind: 'server', stop: () => Promise.resolve() };
  const testing = await import('@cachefleet/testing');
  return testing.startTestDatabase('pglite');
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}
