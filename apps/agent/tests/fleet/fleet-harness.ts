// A real control plane and real agent processes (each with its own data dir and redis-server)
// for the fleet orchestration journeys, plus the admin calls and waits they need.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { findAgent } from '@cachefleet/db';
import { agentConfigSchema, type AgentConfig } from '../../src/config/schema.js';
import { agentStateSchema } from '../../src/run/state-file.js';
import { isAlive } from '../helpers/probes.js';
import { runCli, startAgentProcess, tempDir, type AgentProcess } from '../helpers/agent-cli.js';
import { startControlPlane, type TestControlPlane } from '../helpers/control-plane.js';
import { waitFor } from '../helpers/wait.js';

export interface FleetAgent {
  config: AgentConfig;
  configPath: string;
  process: AgentProcess;
  redisPort: number;
  redisPid: number;
}

export interface FleetStand {
  cp: TestControlPlane;
  agents: FleetAgent[];
  admin: Awaited<ReturnType<TestControlPlane['admin']>>;
  /** Re-reads an agent's state file (its Redis pid changes when the supervisor restarts it). */
  refresh(agent: FleetAgent): Promise<FleetAgent>;
  /** Starts a stopped agent's process again. */
  restart(agent: FleetAgent): Promise<void>;
  stop(): Promise<void>;
}

/** Short leases so a re-claim after a killed executor happens within seconds. */
export const testLeaseMs = 3_000;

async function joinAgent(cp: TestControlPlane, dir: string, index: number): Promise<string> {
  const configPath = path.join(dir, `agent-${index}.json`);
  const joined = await runCli([
    'join',
    ...['--url', cp.url, '--token', await cp.issueToken(), '--config', configPath],
    ...['--name', `agent-${index}`, '--data-dir', path.join(dir, `data-${index}`)],
    ...['--maxmemory', '256mb'],
  ]);
  if (joined.code !== 0) throw new Error(`join failed: ${joined.stderr}`);
  return configPath;
}

async function readAgent(configPath: string, processHandle: AgentProcess): Promise<FleetAgent> {
  const config = agentConfigSchema.parse(JSON.parse(await readFile(configPath, 'utf8')));
  const stateFile = path.join(config.dataDir, 'agent.state.json');
  const state = await waitFor('agent state with a redis pid', async () => {
    const parsed = agentStateSchema.parse(JSON.parse(await readFile(stateFile, 'utf8')));
    return parsed.redisPid && parsed.redisPort ? parsed : undefined;
  });
  return {
    config,
    configPath,
    process: processHandle,
    redisPort: state.redisPort,
    redisPid: state.redisPid ?? 0,
  };
}

/**
 * The Redis pid an agent's state file names now, else the last one read: no waiting, since an
 * agent that stopped cleanly removed its state file (and its Redis with it).
 */
async function lastRedisPid(agent: FleetAgent): Promise<number> {
  const stateFile = path.join(agent.config.dataDir, 'agent.state.json');
  try {
    const { redisPid } = agentStateSchema.parse(JSON.parse(await readFile(stateFile, 'utf8')));
    return redisPid ?? agent.redisPid;
  } catch {
    return agent.redisPid;
  }
}

function launch(configPath: string): AgentProcess {
  return startAgentProcess(configPath, { CACHEFLEET_STEP_LEASE_MS: String(testLeaseMs) });
}

export async function startFleetStand(count: number): Promise<FleetStand> {
  // One connection: PGlite's socket mixes up concurrent extended-protocol queries under this load.
  const [cp, tmp] = await Promise.all([startControlPlane({ poolMax: 1 }), tempDir()]);
  const paths: string[] = [];
  for (let i = 0; i < count; i += 1) paths.push(await joinAgent(cp, tmp.dir, i));
  const processes = paths.map(launch);
  await Promise.all(processes.map((p) => p.waitForLog('agent running', 120_000)));
  const agents = await Promise.all(paths.map((p, i) => readAgent(p, processes[i] as AgentProcess)));
  const admin = await cp.admin();
  // Idle agents are usable once the control plane has their heartbeat (address and Redis port).
  await waitFor(
    'every agent to have sent a heartbeat',
    async () => {
      const rows = await Promise.all(agents.map((a) => findAgent(cp.db, a.config.agentId)));
      return rows.every((row) => row?.address && row.redisPort);
    },
    120_000,
  );
  const stand: FleetStand = {
    cp,
    agents,
    admin,
    refresh: (agent) => readAgent(agent.configPath, agent.process),
    async restart(agent) {
      agent.process = launch(agent.configPath);
      await agent.process.waitForLog('agent running', 120_000);
      Object.assign(agent, await readAgent(agent.configPath, agent.process));
    },
    async stop() {
      for (const agent of stand.agents) {
        if (agent.process.child.exitCode === null) agent.process.child.kill('SIGTERM');
      }
      await Promise.all(stand.agents.map((a) => a.process.exited));
      // A Redis still running (its agent was killed, or stopped before it) goes too.
      for (const agent of stand.agents) {
        const redisPid = await lastRedisPid(agent);
        if (redisPid > 0 && isAlive(redisPid)) process.kill(redisPid, 'SIGKILL');
      }
      await cp.stop();
      await tmp.remove();
    },
  };
  return stand;
}

/** Polls operations.get until the operation ends; throws with its error when it did not succeed. */
export async function waitForOperation(
  stand: FleetStand,
  id: string,
  timeoutMs = 120_000,
): Promise<Awaited<ReturnType<FleetStand['admin']['operations']['get']>>> {
  const done = await waitFor(
    `operation ${id}`,
    async () => {
      const op = await stand.admin.operations.get({ id });
      return ['succeeded', 'failed', 'cancelled'].includes(op.status) ? op : undefined;
    },
    timeoutMs,
  );
  if (done.status !== 'succeeded') {
    throw new Error(`operation ${done.status}: ${done.error ?? ''}`);
  }
  return done;
}
