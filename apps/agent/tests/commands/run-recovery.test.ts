import path from 'node:path';
import { freePort } from '@cachefleet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeConfig } from '../../src/config/store.js';
import { readState } from '../../src/run/state-file.js';
import { startAgentProcess, tempDir, type AgentProcess } from '../helpers/agent-cli.js';
import { httpGet, metricValue } from '../helpers/probes.js';

// No control plane at all here: the console URL points at a port nobody listens on.
describe('cachefleet-agent run without a console, and after a crash', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let configPath: string;
  let dataDir: string;
  const started: AgentProcess[] = [];
  const start = () => {
    const agent = startAgentProcess(configPath);
    started.push(agent);
    return agent;
  };

  beforeAll(async () => {
    tmp = await tempDir();
    configPath = path.join(tmp.dir, 'agent.json');
    dataDir = path.join(tmp.dir, 'data');
    await writeConfig(configPath, {
      consoleUrl: `http://127.0.0.1:${await freePort()}`,
      agentId: '00000000-0000-4000-8000-000000000000',
      credential: 'cfa_test',
      name: 'offline',
      dataDir,
      advertiseHost: '127.0.0.1',
      listenHost: '127.0.0.1',
      agentPort: 0,
      redis: {
        port: 0,
        maxmemory: '32mb',
        maxmemoryPolicy: 'allkeys-lru',
        password: 'p'.repeat(32),
      },
    });
  });
  afterAll(async () => {
    // A clean stop, so each agent takes its redis-server down with it.
    for (const agent of started) if (agent.child.exitCode === null) agent.child.kill('SIGTERM');
    await Promise.all(started.map((agent) => agent.exited));
    await tmp.remove();
  });

  it('serves Redis with the console unreachable, counting the failed heartbeats', async () => {
    const agent = start();
    await agent.waitForLog('agent running');
    const state = await readState(path.join(dataDir, 'agent.state.json'));
    if (!state) throw new Error('no state file');
    expect((await httpGet(`http://127.0.0.1:${state.agentPort}/readyz`)).status).toBe(200);
    const failed = await agent.waitForLog('heartbeat failed');
    expect(failed).toMatchObject({ level: 'warn', code: 'E_CONSOLE_UNREACHABLE' });
    const text = (await httpGet(`http://127.0.0.1:${state.agentPort}/metrics`)).body;
    expect(metricValue(text, 'cachefleet_agent_heartbeat_failures_total')).toBeGreaterThanOrEqual(
      1,
    );
    expect(metricValue(text, 'cachefleet_redis_up')).toBe(1);
  });

  it('refuses a second agent on the same data dir', async () => {
    const second = start();
    expect(await second.exited).toBe(1);
    expect(second.logs.find((l) => l.msg === 'agent failed to start')?.error).toMatchObject({
      code: 'E_AGENT_ALREADY_RUNNING',
    });
  });
});
