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
import {
  bindAddresses,
  redisClusterMode,
  redisConfigHash,
  redisLogFile,
  writeRedisConfig,
  type RedisServerOptions,
} from '../redis/config-file.js';
import { createRedisProbe, type RedisProbe } from '../redis/probe.js';
import { RedisSupervisor } from '../redis/supervisor.js';
import { agentVersion } from '../version.js';
import { acquireInstanceLock, type InstanceLock } from './instance-lock.js';
import { chooseRedisPort, readPreviousRun, takeOverPreviousRedis } from './previous-run.js';
import { shutdownStep } from './shutdown-step.js';
import { StateRecorder } from './state-recorder.js';

/** How long one bounded step of stop() may take (see shutdownStep). */
const stepLimitMs = 5_000;

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
  /** The previous run's server, kept running; null when a fresh one is to be started. */
  adoptPid: number | null;
}

function redisServerOptions(config: AgentConfig, port: number): RedisServerOptions {
  return {
    port,
    bind: bindAddresses(config.advertiseHost),
    password: config.redis.password,
    maxmemory: config.redis.maxmemory,
    maxmemoryPolicy: config.redis.maxmemoryPolicy,
    dataDir: config.dataDir,
    // Fleet contract: every agent's Redis can join a cluster; an idle node owns no slots.
    cluster: redisClusterMode,
  };
}

/** Writes redis.conf and adopts or replaces the server a killed previous run left running. */
async function prepareRedis(
  config: AgentConfig,
  state: StateRecorder,
  log: Logger,
): Promise<RedisParts> {
  const previous = await readPreviousRun(state.file);
  const port = await chooseRedisPort(config.redis.port, previous);
  const options = redisServerOptions(config, port);
  const configFile = await writeRedisConfig(options);
  const configHash = redisConfigHash(options);
  const { password } = config.redis;
  const expected = { port, password, configFile, configHash, dataDir: config.dataDir };
  const adoptPid = await takeOverPreviousRedis(previous, expected, log);
  const probe = createRedisProbe({ port, password });
  const supervisor = new RedisSupervisor({
    bin: agentEnv.redisServerBin,
    configFile,
    logFile: redisLogFile(config.dataDir),
    ping: () => probe.ping(),
    log: log.child({ component: 'redis' }),
    onSpawn: (redisPid) => {
      state.update({ redisPid, redisConfigHash: configHash });
    },
  });
  const sampler = createInfoSampler(() => probe.info());
  const topology = createTopologySampler(probe);
  return { port, probe, supervisor, sampler, topology, adoptPid };
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
  // Each step that waits on others (an operation step, PostgreSQL, Redis, clients) is bounded;
  // redis-server's own stop is (SIGTERM, then SIGKILL after its grace) and must not be skipped.
  const stop = async () => {
    await shutdownStep(log, 'fleet orchestration', stepLimitMs, () => fleet.stop());
    heartbeater.stop();
    await shutdownStep(log, 'data service (namespaces, key usage)', stepLimitMs, () =>
      http.data.stop(),
    );
    await redis.supervisor.stop();
    redis.probe.close();
    await shutdownStep(log, 'http server', 2_000, () => close(http.server));
    await state.remove();
    await lock.release();
  };
  const { supervisor, adoptPid } = redis;
  const ready = adoptPid === null ? supervisor.start() : supervisor.adopt(adoptPid);
  await ready.catch(async (error: unknown) => {
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
