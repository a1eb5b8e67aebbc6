// The supervisor's adopted mode against a real redis-server it did not start: it has no
// ChildProcess handle, so it must see the server's death by polling and restart it as it would
// restart its own child.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@cachefleet/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agentEnv } from '../../src/env.js';
import { createLogger } from '../../src/logger.js';
import { Backoff } from '../../src/redis/backoff.js';
import { writeRedisConfig } from '../../src/redis/config-file.js';
import { createRedisProbe, type RedisProbe } from '../../src/redis/probe.js';
import { RedisSupervisor } from '../../src/redis/supervisor.js';
import { isRunning } from '../../src/run/processes.js';
import { waitFor } from '../helpers/wait.js';

const password = 'adopt-'.repeat(6);

describe('RedisSupervisor.adopt', () => {
  let dir: string;
  let configFile: string;
  let port: number;
  let probe: RedisProbe;
  let supervisor: RedisSupervisor | undefined;
  const leftovers: number[] = [];

  /** A server started the way a previous run of the agent started it, then left to itself. */
  function startOrphan(): ChildProcess {
    const child = spawn(agentEnv.redisServerBin, [configFile], { stdio: 'ignore' });
    if (child.pid !== undefined) leftovers.push(child.pid);
    return child;
  }

  function supervise(readyCount: { n: number }): RedisSupervisor {
    const created = new RedisSupervisor({
      bin: agentEnv.redisServerBin,
      configFile,
      ping: () => probe.ping(),
      log: createLogger({}, 'error'),
      backoff: new Backoff({ initialMs: 50, maxMs: 200, factor: 2, stableAfterMs: 60_000 }),
      stopGraceMs: 2_000,
      adoptedPollMs: 250,
      onSpawn: (pid) => leftovers.push(pid),
    });
    created.onReady = () => {
      readyCount.n += 1;
    };
    supervisor = created;
    return created;
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cachefleet-adopt-'));
    port = await freePort();
    configFile = await writeRedisConfig({
      port,
      bind: ['127.0.0.1'],
      password,
      maxmemory: '16mb',
      maxmemoryPolicy: 'allkeys-lru',
      dataDir: dir,
    });
    probe = createRedisProbe({ port, password });
  });
  afterEach(async () => {
    await supervisor?.stop();
    supervisor = undefined;
  });
  afterAll(async () => {
    probe.close();
    for (const pid of leftovers) if (await isRunning(pid)) process.kill(pid, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the server and its keys, and restarts it after its death as its own child', async () => {
    const orphan = startOrphan();
    await waitFor('the orphan to answer', () => probe.ping());
    await probe.call('SET', 'kept', 'yes');
    const ready = { n: 0 };
    const adopting = supervise(ready);

    expect(await adopting.adopt(orphan.pid ?? 0)).toBe(true);
    expect(ready.n).toBe(1);
    expect(adopting.pid).toBe(orphan.pid);
    expect(adopting.restarts).toBe(0);
    expect(await probe.call('GET', 'kept')).toBe('yes');

    orphan.kill('SIGKILL');
    const restartedPid = await waitFor('a restarted server', () => {
      const pid = adopting.pid;
      return pid !== undefined && pid !== orphan.pid ? pid : undefined;
    });
    expect(adopting.restarts).toBe(1);
    await waitFor('onReady after the restart', () => ready.n === 2);
    expect(await probe.ping()).toBe(true);
    expect(await isRunning(restartedPid)).toBe(true);
    await adopting.stop();
    expect(await isRunning(restartedPid)).toBe(false);
  });

  it('stop() terminates an adopted server by pid', async () => {
    const orphan = startOrphan();
    await waitFor('the orphan to answer', () => probe.ping());
    const adopting = supervise({ n: 0 });
    expect(await adopting.adopt(orphan.pid ?? 0)).toBe(true);

    await adopting.stop();
    const exit = await new Promise<NodeJS.Signals | null>((resolve) => {
      if (orphan.exitCode !== null || orphan.signalCode !== null) resolve(orphan.signalCode);
      else
        orphan.once('exit', (_code, signal) => {
          resolve(signal);
        });
    });
    // Redis exits 0 on SIGTERM: the grace time was enough, no SIGKILL was needed.
    expect(exit).toBeNull();
    expect(orphan.exitCode).toBe(0);
    expect(adopting.pid).toBeUndefined();
    expect(adopting.restarts).toBe(0);
  });
});
