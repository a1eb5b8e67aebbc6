import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '@cachefleet/db/testing';

export interface TestRedis {
  host: string;
  port: number;
  dir: string;
  process: ChildProcess;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and directory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestRedisOptions {
  cluster?: boolean;
  extraArgs?: string[];
}

const redisBin = process.env.REDIS_SERVER_BIN ?? 'redis-server';

function spawnRedis(port: number, dir: string, options: TestRedisOptions): ChildProcess {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  args.push('--dir', dir, '--logfile', path.join(dir, 'redis.log'));
  if (options.cluster) {
    args.push('--cluster-enabled', 'yes', '--cluster-config-file', path.join(dir, 'nodes.conf'));
    args.push('--cluster-node-timeout', '2000');
  }
  args.push(...(options.extraArgs ?? []));
  return spawn(redisBin, args, { stdio: 'ignore' });
}

function hasExited(child: ChildProcess | undefined): boolean {
  return child !== undefined && (child.exitCode !== null || child.signalCode !== null);
}

/**
 * Polls PING until the server answers (or the deadline passes). Given the child, its early exit
 * (e.g. the port or its cluster bus port, port + 10000, was taken meanwhile) fails at once, and
 * another process answering on the port is not taken for it.
 */
export async function waitForRedis(
  port: number,
  timeoutMs = 10_000,
  child?: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited(child)) throw new Error(`redis-server for port ${port} exited before answering`);
    const client = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 0,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      if (!hasExited(child)) return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`redis on port ${port} not ready: ${String(error)}`);
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      client.disconnect();
    }
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
}

/** Starts a real redis-server on a free loopback port; stop() kills it and removes its folder. */
/** A free port can be taken again before redis-server binds it: up to 3 ports are tried. */
async function spawnOnFreePort(
  dir: string,
  options: TestRedisOptions,
): Promise<{ port: number; child: ChildProcess }> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const child = spawnRedis(port, dir, options);
    try {
      await waitForRedis(port, 10_000, child);
      return { port, child };
    } catch (error) {
      child.kill('SIGKILL');
      await exited(child);
      if (attempt >= 3) throw error;
      await rm(path.join(dir, 'nodes.conf'), { force: true });
    }
  }
}

export async function startRedis(options: TestRedisOptions = {}): Promise<TestRedis> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cf-redis-'));
  const { port, child } = await spawnOnFreePort(dir, options);
  const handle: TestRedis = {
    host: '127.0.0.1',
    port,
    dir,
    process: child,
    async kill() {
      handle.process.kill('SIGKILL');
      await exited(handle.process);
    },
    async restart() {
      handle.process = spawnRedis(port, dir, options);
      await waitForRedis(port);
    },
    async stop() {
      handle.process.kill('SIGKILL');
      await exited(handle.process);
      await rm(dir, { recursive: true, force: true });
    },
  };
  return handle;
}
