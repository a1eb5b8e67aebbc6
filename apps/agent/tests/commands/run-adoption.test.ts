// A SIGKILLed agent leaves its redis-server running. The next run keeps that server and its keys
// when it was started from the same config; otherwise it replaces it, and on a cluster member only
// after the restart delay floor, so a replica can take over the slots first.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort, startRedis, type TestRedis } from '@cachefleet/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseClusterNodes } from '../../src/cluster/cluster-nodes.js';
import type { AgentConfig } from '../../src/config/schema.js';
import { writeConfig } from '../../src/config/store.js';
import { restartDelayFloorMs } from '../../src/redis/restart-floor.js';
import { isRunning } from '../../src/run/processes.js';
import { readState, type AgentState } from '../../src/run/state-file.js';
import { startAgentProcess, tempDir, type AgentProcess } from '../helpers/agent-cli.js';
import { httpGet, portAnswers } from '../helpers/probes.js';
import { waitFor } from '../helpers/wait.js';

const password = 'q'.repeat(32);
const keyCount = 3_000;

describe('cachefleet-agent run after the previous agent was SIGKILLed', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let configPath: string;
  let dataDir: string;
  let config: AgentConfig;
  let peer: TestRedis | undefined;
  const started: AgentProcess[] = [];
  const redisPids = new Set<number>();

  async function start(): Promise<{ agent: AgentProcess; state: AgentState }> {
    const agent = startAgentProcess(configPath);
    started.push(agent);
    await agent.waitForLog('agent running', 30_000);
    const state = await waitFor('the state file with its redis pid', async () => {
      const current = await readState(path.join(dataDir, 'agent.state.json'));
      if (!current?.redisPid || current.pid !== agent.child.pid) return undefined;
      return current;
    });
    if (state.redisPid) redisPids.add(state.redisPid);
    return { agent, state };
  }

  async function kill(agent: AgentProcess): Promise<void> {
    agent.child.kill('SIGKILL');
    await agent.exited;
  }

  async function withRedis<T>(port: number, use: (redis: Redis) => Promise<T>): Promise<T> {
    const redis = new Redis({ host: '127.0.0.1', port, password, maxRetriesPerRequest: 1 });
    try {
      return await use(redis);
    } finally {
      redis.disconnect();
    }
  }

  async function clusterOk(redis: Redis): Promise<void> {
    await waitFor('cluster_state:ok', async () =>
      (await redis.cluster('INFO')).includes('cluster_state:ok'),
    );
  }

  async function changeMaxmemory(maxmemory: string): Promise<void> {
    config = { ...config, redis: { ...config.redis, maxmemory } };
    await writeConfig(configPath, config);
  }

  beforeAll(async () => {
    tmp = await tempDir();
    configPath = path.join(tmp.dir, 'agent.json');
    dataDir = path.join(tmp.dir, 'data');
    config = {
      consoleUrl: `http://127.0.0.1:${await freePort()}`,
      agentId: '00000000-0000-4000-8000-000000000001',
      credential: 'cfa_test',
      name: 'adopter',
      dataDir,
      advertiseHost: '127.0.0.1',
      listenHost: '127.0.0.1',
      agentPort: 0,
      redis: { port: 0, maxmemory: '32mb', maxmemoryPolicy: 'allkeys-lru', password },
    };
    await writeConfig(configPath, config);
  });
  afterAll(async () => {
    // A clean stop takes its redis-server down with it; the servers of killed agents are ours to stop.
    for (const agent of started) if (agent.child.exitCode === null) agent.child.kill('SIGTERM');
    await Promise.all(started.map((agent) => agent.exited));
    for (const pid of redisPids) if (await isRunning(pid)) process.kill(pid, 'SIGKILL');
    await peer?.stop();
    await tmp.remove();
  });

  it('adopts the running redis-server: same pid, every key kept, healthy', async () => {
    const first = await start();
    await withRedis(first.state.redisPort, async (redis) => {
      // A one-node cluster owning every slot, as the node of a created cluster would.
      await redis.cluster('ADDSLOTSRANGE', 0, 16383);
      await clusterOk(redis);
      const pipeline = redis.pipeline();
      for (let i = 0; i < keyCount; i += 1) pipeline.set(`key:{${i}}`, `value-${i}`);
      const results = (await pipeline.exec()) ?? [];
      expect(results.filter(([error]) => error !== null)).toEqual([]);
    });
    await kill(first.agent);
    expect(await portAnswers(first.state.redisPort)).toBe(true);

    const next = await start();
    expect(next.state.redisPid).toBe(first.state.redisPid);
    expect(next.state.redisPort).toBe(first.state.redisPort);
    expect(next.agent.logs.find((l) => l.msg.startsWith('adopted redis-server'))).toMatchObject({
      msg: 'adopted redis-server left running by the previous run',
      pid: first.state.redisPid,
    });
    expect(next.agent.logs.find((l) => l.msg.includes('left behind'))).toBeUndefined();
    await withRedis(next.state.redisPort, async (redis) => {
      expect(await redis.dbsize()).toBe(keyCount);
      expect(await redis.get('key:{1234}')).toBe('value-1234');
      expect(await redis.info('server')).toContain(`process_id:${first.state.redisPid}`);
    });
    expect((await httpGet(`http://127.0.0.1:${next.state.agentPort}/readyz`)).status).toBe(200);
  });

  it('still stops the adopted redis-server on a clean stop (SIGTERM)', async () => {
    const agent = started.at(-1);
    const state = await readState(path.join(dataDir, 'agent.state.json'));
    if (!agent || !state?.redisPid) throw new Error('no running agent');
    agent.child.kill('SIGTERM');
    expect(await agent.exited).toBe(0);
    expect(await isRunning(state.redisPid)).toBe(false);
    expect(await portAnswers(state.redisPort)).toBe(false);
  });

  it('replaces a server started from another config with a fresh one', async () => {
    const first = await start();
    await withRedis(first.state.redisPort, async (redis) => {
      await clusterOk(redis);
      await redis.set('old', 'server');
    });
    await kill(first.agent);
    await changeMaxmemory('48mb');

    const next = await start();
    expect(next.state.redisPid).not.toBe(first.state.redisPid);
    expect(next.agent.logs.find((l) => l.msg.includes('left behind'))).toMatchObject({
      pid: first.state.redisPid,
      reason: 'its config has changed',
    });
    expect(next.agent.logs.find((l) => l.msg.startsWith('adopted'))).toBeUndefined();
    expect(next.agent.logs.find((l) => l.msg.startsWith('waiting before'))).toBeUndefined();
    expect(await isRunning(first.state.redisPid ?? 0)).toBe(false);
    await withRedis(next.state.redisPort, async (redis) => {
      await clusterOk(redis);
      expect(await redis.exists('old')).toBe(0);
      expect(await redis.config('GET', 'maxmemory')).toEqual(['maxmemory', String(48 * 2 ** 20)]);
    });
  });

  it('on a cluster member, waits the restart delay floor before starting the fresh server', async () => {
    const first = started.at(-1);
    const state = await readState(path.join(dataDir, 'agent.state.json'));
    if (!first || !state?.redisPid) throw new Error('no running agent');
    peer = await startRedis({ cluster: true });
    await withRedis(state.redisPort, (redis) =>
      redis.cluster('MEET', '127.0.0.1', peer?.port ?? 0),
    );
    await waitFor('nodes.conf to list both nodes', async () => {
      const text = await readFile(path.join(dataDir, 'nodes.conf'), 'utf8');
      return parseClusterNodes(text).length === 2;
    });
    await kill(first);
    await changeMaxmemory('40mb');

    const next = startAgentProcess(configPath);
    started.push(next);
    const waiting = await next.waitForLog(
      'waiting before starting an empty redis-server so a replica can take over its slots',
    );
    expect(waiting.delayMs).toBe(restartDelayFloorMs(2));
    expect(await isRunning(state.redisPid)).toBe(false);
    // While it waits, nothing serves the node's port: the slots stay with the rest of the cluster.
    expect(await portAnswers(state.redisPort)).toBe(false);
    expect(next.logs.find((l) => l.msg === 'redis-server started')).toBeUndefined();
    await next.waitForLog('agent running', 30_000);
    const serverStarted = next.logs.findIndex((l) => l.msg === 'redis-server started');
    expect(serverStarted).toBeGreaterThan(next.logs.indexOf(waiting));
  });
});
