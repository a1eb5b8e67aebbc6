// Wires one running agent together: Redis supervisor, metrics, HTTP endpoints, heartbeats and the
// state file, and takes them down again in the reverse order.
import { mkdir } from 'node:fs/promises';
import type http from 'node:http';
import type { AgentConfig } from '../config/schema.js';
import { createFleetMember } from '../cluster/fleet-member.js';
import { createControlPlaneClient } from '../control-plane/client.js';
import { agentEnv } from '../env.js';
import { Heartbeater } from '../heartbeat/heartbeater.js';
import { createAgentDataService } from '../data/agent-data-service.js';
import type { DataService } from '../data/data-service.js';
import { close, createAgentHttpServer, listen } from '../http/server.js';
import type { Logger } from '../logger.js';
import { createInfoSampler, type InfoSampler } from '../metrics/info-sampler.js';
import { createAgentRegistry } from '../metrics/registry.js';
import { createTopologySampler, type TopologySampler } from '../metrics/topology-sampler.js';
import { createSelfUpgrader } from '../install/self-upgrade.js';
import { freePort } from '../net/free-port.js';
import {
  bindAddresses,
  redisClusterMode,
  redisLogFile,
  writeRedisConfig,
} from '../redis/config-file.js';
import { createRedisProbe, type RedisProbe } from '../redis/probe.js';
import { RedisSupervisor } from '../redis/supervisor.js';
import { agentVersion } from '../version.js';
import { acquireInstanceLock, type InstanceLock } from './instance-lock.js';
import { stopOrphanedRedis } from './previous-run.js';
import { StateRecorder } from './state-recorder.js';

export interface RunningAgent {
  agentPort: number;
  redisPort: number;
  stop(): Promise<void>;
}

interface RedisParts {
  port: number;
  probe: RedisProbe;
  sampler: InfoSampler;
  topology: TopologySampler;
  supervisor: RedisSupervisor;
}

async function prepareRedis(
  config: AgentConfig,
  state: StateRecorder,
  log: Logger,
): Promise<RedisParts> {
  const port = config.redis.port || (await freePort());
  const configFile = await writeRedisConfig({
    port,
    bind: bindAddresses(config.advertiseHost),
    password: config.redis.password,
    maxmemory: config.redis.maxmemory,
    maxmemoryPolicy: config.redis.maxmemoryPolicy,
    dataDir: config.dataDir,
    // Fleet contract: every agent's Redis can join a cluster; an idle node owns no slots.
    cluster: redisClusterMode,
  });
  const probe = createRedisProbe({ port, password: config.redis.password });
  const supervisor = new RedisSupervisor({
    bin: agentEnv.redisServerBin,
    configFile,
    logFile: redisLogFile(config.dataDir),
    ping: () => probe.ping(),
    log: log.child({ component: 'redis' }),
    onSpawn: (redisPid) => {
      state.update({ redisPid });
    },
  });
  const sampler = createInfoSampler(() => probe.info());
  return { port, probe, supervisor, sampler, topology: createTopologySampler(probe) };
}

function createHeartbeater(config: AgentConfig, redis: RedisParts, log: Logger): Heartbeater {
  return new Heartbeater({
    client: createControlPlaneClient(config.consoleUrl, config.credential),
    sample: () => redis.sampler.sample(),
    log: log.child({ component: 'heartbeat' }),
    onUpgradeRequested: createSelfUpgrader(log.child({ component: 'upgrade' })),
  });
}

async function startHttp(
  config: AgentConfig,
  redis: RedisParts,
  failures: () => number,
  log: Logger,
): Promise<{ server: http.Server; port: number; data: DataService }> {
  const registry = createAgentRegistry({
    version: agentVersion,
    heartbeatFailures: failures,
    restarts: () => redis.supervisor.restarts,
    sampler: redis.sampler,
    topology: redis.topology,
    dataDir: config.dataDir,
  });
  const data = createAgentDataService({
    client: createControlPlaneClient(config.consoleUrl, config.credential),
    registry,
    redisCall: (command, ...args) => redis.probe.call(command, ...args),
    log: log.child({ component: 'data' }),
  });
  const server = createAgentHttpServer({
    data: data.handle,
    registry,
    redisReady: () => redis.probe.ping(),
    version: agentVersion,
    log: log.child({ component: 'http' }),
  });
  const port = await listen(server, config.listenHost, config.agentPort);
  return { server, port, data };
}

async function startLocked(
  config: AgentConfig,
  log: Logger,
  lock: InstanceLock,
): Promise<RunningAgent> {
  const state = new StateRecorder(config.dataDir, log);
  await stopOrphanedRedis(state.file, log);
  const redis = await prepareRedis(config, state, log);
  const heartbeater = createHeartbeater(config, redis, log);
  const http = await startHttp(config, redis, () => heartbeater.failures, log).catch(
    (error: unknown) => {
      redis.probe.close();
      throw error;
    },
  );
  state.update({ pid: process.pid, agentPort: http.port, redisPort: redis.port });
  const fleet = createFleetMember({
    client: createControlPlaneClient(config.consoleUrl, config.credential),
    redis: redis.probe,
    dataDir: config.dataDir,
    log: log.child({ component: 'fleet' }),
    leaseMs: agentEnv.stepLeaseMs,
  });
  redis.supervisor.onReady = () => {
    fleet.redisStarted();
  };
  redis.supervisor.restartDelayFloorMs = () => fleet.restartDelayFloorMs();
  const stop = async () => {
    await fleet.stop();
    heartbeater.stop();
    await http.data.stop();
    await redis.supervisor.stop();
    redis.probe.close();
    await close(http.server);
    await state.remove();
    await lock.release();
  };
  await redis.supervisor.start().catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  http.data.start();
  await fleet.start();
  heartbeater.start({
    address: config.advertiseHost,
    agentPort: http.port,
    redisPort: redis.port,
    version: agentVersion,
  });
  log.info('agent running', { agentPort: http.port, redisPort: redis.port, version: agentVersion });
  return { agentPort: http.port, redisPort: redis.port, stop };
}

/** Starts everything; throws (after cleaning up) when the agent cannot run at all. */
export async function startAgent(config: AgentConfig, log: Logger): Promise<RunningAgent> {
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const lock = await acquireInstanceLock(config.dataDir);
  try {
    return await startLocked(config, log, lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
}
