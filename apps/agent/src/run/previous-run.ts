// A redis-server whose agent was killed (SIGKILL, OOM killer) keeps running, holding its port and
// its share of the cluster's keys. The next run adopts it when it is verifiably the server this run
// would start. Otherwise the next run stops it and, on a cluster member, waits before starting an
// empty one with the same node id and slots, so a replica can take over those slots first.
import { readFile } from 'node:fs/promises';
import { parseClusterNodes } from '../cluster/cluster-nodes.js';
import { freePort } from '../net/free-port.js';
import type { Logger } from '../logger.js';
import { clusterConfigFile } from '../redis/config-file.js';
import { restartDelayFloorMs } from '../redis/restart-floor.js';
import { adoptionRefusal, type ExpectedRedis } from './adoption.js';
import { isLiveProcess, terminatePid } from './processes.js';
import { readState, type AgentState } from './state-file.js';

/** The state a previous run left (it did not stop cleanly), or null. */
export async function readPreviousRun(stateFile: string): Promise<AgentState | null> {
  const state = await readState(stateFile);
  return state && state.pid !== process.pid ? state : null;
}

/** Only a process that is verifiably a redis-server; without /proc, leave it alone. */
function orphanedRedis(previous: AgentState | null): Promise<boolean> {
  const pid = previous?.redisPid;
  return pid ? isLiveProcess(pid, /redis-server/, false) : Promise.resolve(false);
}

/**
 * The configured port; with none configured, the previous run's while its server still runs (so
 * that server can be adopted), else a free one.
 */
export async function chooseRedisPort(
  configured: number,
  previous: AgentState | null,
): Promise<number> {
  if (configured) return configured;
  if (previous && (await orphanedRedis(previous))) return previous.redisPort;
  return freePort();
}

async function knownClusterNodes(dataDir: string): Promise<number> {
  const text = await readFile(clusterConfigFile(dataDir), 'utf8').catch(() => '');
  return parseClusterNodes(text).length;
}

async function waitForReplicaTakeover(dataDir: string, log: Logger): Promise<void> {
  const delayMs = restartDelayFloorMs(await knownClusterNodes(dataDir));
  if (delayMs === 0) return;
  log.info('waiting before starting an empty redis-server so a replica can take over its slots', {
    delayMs,
  });
  await new Promise((resolve) => setTimeout(resolve, delayMs));
}

/**
 * Call with the instance lock held, so the previous agent is known to be gone. Returns the pid of
 * the previous run's server to adopt, or null once a fresh one may be started.
 */
export async function takeOverPreviousRedis(
  previous: AgentState | null,
  expected: ExpectedRedis,
  log: Logger,
): Promise<number | null> {
  if (!previous?.redisPid) return null;
  const pid = previous.redisPid;
  if (await orphanedRedis(previous)) {
    const reason = await adoptionRefusal(previous, expected);
    if (reason === null) return pid;
    log.warn('stopping redis-server left behind by a previous run', { pid, reason });
    await terminatePid(pid, 5_000);
  }
  // Its server is gone (stopped now or died with the agent): it may have held slots.
  await waitForReplicaTakeover(expected.dataDir, log);
  return null;
}
