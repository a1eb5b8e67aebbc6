// A redis-server whose agent was killed (SIGKILL, OOM killer) keeps running and holding its port;
// the next run stops it before starting its own.
import type { Logger } from '../logger.js';
import { isLiveProcess, isRunning } from './processes.js';
import { readState } from './state-file.js';

async function stopOrphan(pid: number, log: Logger): Promise<void> {
  log.warn('stopping redis-server left behind by a previous run', { pid });
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 5_000 && (await isRunning(pid)); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (await isRunning(pid)) process.kill(pid, 'SIGKILL');
}

/** Call with the instance lock held, so the previous agent is known to be gone. */
export async function stopOrphanedRedis(stateFile: string, log: Logger): Promise<void> {
  const state = await readState(stateFile);
  if (!state?.redisPid || state.pid === process.pid) return;
  // Only a process that is verifiably a redis-server; without /proc, leave it alone.
  if (await isLiveProcess(state.redisPid, /redis-server/, false)) {
    await stopOrphan(state.redisPid, log);
  }
}
