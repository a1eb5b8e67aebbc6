// Before starting, look at what the last run left behind: a live agent on the same data dir is a
// conflict, and a redis-server whose agent was killed (SIGKILL, OOM) is an orphan to stop.
import { readFile } from 'node:fs/promises';
import type { Logger } from '../logger.js';
import { readState } from './state-file.js';

export class AgentAlreadyRunningError extends Error {
  readonly code = 'E_AGENT_ALREADY_RUNNING';
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process's command line on Linux; undefined where /proc is not available. */
async function commandLine(pid: number): Promise<string | undefined> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replace(/\0/g, ' ');
  } catch {
    return undefined;
  }
}

/** A pid can be reused by an unrelated process; check its command line where we can. */
async function isLiveProcess(
  pid: number,
  looksLike: RegExp,
  unverified: boolean,
): Promise<boolean> {
  if (!isAlive(pid)) return false;
  const command = await commandLine(pid);
  return command === undefined ? unverified : looksLike.test(command);
}

async function killOrphan(pid: number, log: Logger): Promise<void> {
  log.warn('stopping redis-server left behind by a previous run', { pid });
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 5_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

export async function settlePreviousRun(stateFile: string, log: Logger): Promise<void> {
  const state = await readState(stateFile);
  if (!state || state.pid === process.pid) return;
  if (await isLiveProcess(state.pid, /cachefleet|cli\.js/, true)) {
    throw new AgentAlreadyRunningError(
      `an agent is already running with this data dir (pid ${state.pid})`,
    );
  }
  // Only kill what is verifiably a redis-server; without /proc, leave it alone.
  if (state.redisPid !== null && (await isLiveProcess(state.redisPid, /redis-server/, false))) {
    await killOrphan(state.redisPid, log);
  }
}
