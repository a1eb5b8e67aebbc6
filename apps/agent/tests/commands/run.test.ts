import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { findAgent } from '@cachefleet/db';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentConfigSchema, type AgentConfig } from '../../src/config/schema.js';
import { agentStateSchema, type AgentState } from '../../src/run/state-file.js';
import { agentVersion } from '../../src/version.js';
import { runCli, startAgentProcess, tempDir, type AgentProcess } from '../helpers/agent-cli.js';
import { startControlPlane, type TestControlPlane } from '../helpers/control-plane.js';
import { httpGet, isAlive, metricValue, portAnswers } from '../helpers/probes.js';
import { waitFor } from '../helpers/wait.js';

describe('cachefleet-agent run', () => {
  let cp: TestControlPlane;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let configPath: string;
  let config: AgentConfig;
  let agent: AgentProcess;
  let state: AgentState;
  const agentUrl = (p: string) => `http://127.0.0.1:${state.agentPort}${p}`;
  const readState = async () =>
    agentStateSchema.parse(
      JSON.parse(await readFile(path.join(config.dataDir, 'agent.state.json'), 'utf8')),
    );
  const metrics = async () => (await httpGet(agentUrl('/metrics'))).body;

  beforeAll(async () => {
    [cp, tmp] = await Promise.all([startControlPlane(), tempDir()]);
    configPath = path.join(tmp.dir, 'agent.json');
    const joined = await runCli([
      'join',
      '--url',
      cp.url,
      '--token',
      await cp.issueToken(),
      '--config',
      configPath,
      '--maxmemory',
      '64mb',
    ]);
    expect(joined.code).toBe(0);
    config = agentConfigSchema.parse(JSON.parse(await readFile(configPath, 'utf8')));
    agent = startAgentProcess(configPath);
    await agent.waitForLog('agent running');
    state = await readState();
  });
  afterAll(async () => {
    if (agent.child.exitCode === null) agent.child.kill('SIGKILL');
    if (state.redisPid && isAlive(state.redisPid)) process.kill(state.redisPid, 'SIGKILL');
    await cp.stop();
    await tmp.remove();
  });

  it('starts redis-server, records its state and turns ready', async () => {
    expect(state).toMatchObject({ pid: agent.child.pid });
    expect(state.redisPid).toBeTypeOf('number');
    expect((await httpGet(agentUrl('/healthz'))).status).toBe(200);
    expect((await httpGet(agentUrl('/readyz'))).status).toBe(200);
    const redisConf = path.join(config.dataDir, 'redis.conf');
    expect((await stat(redisConf)).mode & 0o777).toBe(0o600);
    expect(await readFile(redisConf, 'utf8')).toContain(`requirepass ${config.redis.password}`);

    // No password, no ready check: the first command must be refused with NOAUTH.
    const anonymous = new Redis({
      host: '127.0.0.1',
      port: state.redisPort,
      enableReadyCheck: false,
      maxRetriesPerRequest: 0,
    });
    anonymous.on('error', () => undefined);
    await expect(anonymous.get('x')).rejects.toThrow(/NOAUTH/);
    anonymous.disconnect();
  });

  it('sends a heartbeat with Redis stats that the control plane stores', async () => {
    const row = await waitFor('heartbeat', async () => {
      const found = await findAgent(cp.db, config.agentId);
      return found?.lastHeartbeatAt ? found : undefined;
    });
    expect(row).toMatchObject({
      address: '127.0.0.1',
      agentPort: state.agentPort,
      redisPort: state.redisPort,
      version: agentVersion,
      redisUp: true,
    });
    expect(row.redisVersion).toMatch(/^\d+\.\d+/);
    expect(row.stats).toMatchObject({ maxMemoryBytes: 64 * 1024 * 1024 });
    expect(row.stats?.usedMemoryBytes).toBeGreaterThan(0);
  });

  it('serves Prometheus metrics read from Redis INFO at scrape time', async () => {
    const redis = new Redis({
      host: '127.0.0.1',
      port: state.redisPort,
      password: config.redis.password,
    });
    // The agent's Redis runs cluster-enabled and idle (no slots): serve them all to write a key.
    await redis.call('CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
    await waitFor('single-node cluster ok', async () =>
      String(await redis.call('CLUSTER', 'INFO')).includes('cluster_state:ok'),
    );
    await redis.set('k1', 'v');
    await redis.get('k1');
    await redis.get('missing');
    redis.disconnect();

    const text = await metrics();
    expect(metricValue(text, 'cachefleet_redis_up')).toBe(1);
    expect(text).toContain(`cachefleet_agent_info{version="${agentVersion}"} 1`);
    expect(metricValue(text, 'cachefleet_redis_keys')).toBe(1);
    expect(metricValue(text, 'cachefleet_redis_memory_max_bytes')).toBe(64 * 1024 * 1024);
    expect(metricValue(text, 'cachefleet_redis_memory_used_bytes')).toBeGreaterThan(0);
    expect(metricValue(text, 'cachefleet_redis_connected_clients')).toBeGreaterThanOrEqual(1);
    expect(metricValue(text, 'cachefleet_redis_keyspace_hits_total')).toBe(1);
    expect(metricValue(text, 'cachefleet_redis_keyspace_misses_total')).toBe(1);
    expect(metricValue(text, 'cachefleet_redis_commands_processed_total')).toBeGreaterThan(3);
    expect(text).toContain('# TYPE cachefleet_redis_commands_processed_total counter');
    expect(metricValue(text, 'cachefleet_redis_evicted_keys_total')).toBe(0);
    // Replication, cluster and host metrics are wired to the supervised Redis and the data dir.
    expect(metricValue(text, 'cachefleet_redis_role_primary')).toBe(1);
    expect(metricValue(text, 'cachefleet_redis_cluster_enabled')).toBe(1);
    expect(metricValue(text, 'cachefleet_host_disk_free_bytes')).toBeGreaterThan(0);
    expect(metricValue(text, 'cachefleet_redis_expired_keys_total')).toBe(0);
    expect(metricValue(text, 'cachefleet_redis_restarts_total')).toBe(0);
    expect(metricValue(text, 'cachefleet_agent_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('status reports every check healthy and exits 0', async () => {
    const result = await runCli(['status', '--config', configPath, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      healthy: true,
      agentId: config.agentId,
      console: { ok: true },
      agent: { ok: true, pid: state.pid },
      ready: { ok: true },
      redis: { ok: true },
    });
    const human = await runCli(['status', '--config', configPath]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^healthy$/m);
  });

  it('restarts redis-server after it is killed', async () => {
    const crashed = state.redisPid;
    if (crashed === null) throw new Error('no redis pid recorded');
    process.kill(crashed, 'SIGKILL');
    const restarted = await waitFor('a new redis pid', async () => {
      const next = await readState();
      return next.redisPid !== null && next.redisPid !== crashed ? next : undefined;
    });
    state = restarted;
    await waitFor('ready again', async () => (await httpGet(agentUrl('/readyz'))).status === 200);
    expect(metricValue(await metrics(), 'cachefleet_redis_restarts_total')).toBe(1);
    // The crash is logged with its signal and the tail of redis.log, for the operator.
    const crash = agent.logs.find((l) => l.msg.includes('exited unexpectedly'));
    expect(crash).toMatchObject({ level: 'error', pid: crashed, signal: 'SIGKILL' });
    expect(crash?.redisLog).toEqual(
      expect.arrayContaining([expect.stringContaining('Ready to accept connections')]),
    );
  });

  it('keeps serving while the control plane is away, and reports again when it returns', async () => {
    await cp.goAway();
    await waitFor(
      'a failed heartbeat',
      async () =>
        (metricValue(await metrics(), 'cachefleet_agent_heartbeat_failures_total') ?? 0) >= 1,
    );
    expect(agent.child.exitCode).toBeNull();
    expect((await httpGet(agentUrl('/readyz'))).status).toBe(200);
    expect(
      agent.logs.some((l) => l.msg === 'heartbeat failed' && l.code === 'E_CONSOLE_UNREACHABLE'),
    ).toBe(true);
    const away = await runCli(['status', '--config', configPath, '--json']);
    expect(away.code).toBe(1);
    expect(JSON.parse(away.stdout)).toMatchObject({ console: { ok: false }, ready: { ok: true } });

    const cameBackAt = new Date();
    await cp.comeBack();
    await waitFor('a heartbeat after the outage', async () => {
      const row = await findAgent(cp.db, config.agentId);
      return (
        row?.lastHeartbeatAt &&
        row.lastHeartbeatAt >= cameBackAt &&
        row.redisPort === state.redisPort
      );
    });
  });

  it('stops Redis and exits 0 on SIGTERM, leaving no process behind', async () => {
    const redisPid = state.redisPid;
    agent.child.kill('SIGTERM');
    expect(await agent.exited).toBe(0);
    expect(await portAnswers(state.redisPort)).toBe(false);
    expect(await portAnswers(state.agentPort)).toBe(false);
    expect(redisPid !== null && isAlive(redisPid)).toBe(false);
    await expect(stat(path.join(config.dataDir, 'agent.state.json'))).rejects.toThrow(/ENOENT/);
    expect(agent.logs.at(-1)?.msg).toBe('agent stopped');
  });
});
