import { readFile } from 'node:fs/promises';

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

/** Alive and not a zombie: a killed orphan of a container without an init reaper stays a zombie. */
export async function isRunning(pid: number): Promise<boolean> {
  if (!isAlive(pid)) return false;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat === undefined || !/^\d+ \(.*\) Z/.test(stat);
}

/** The process's command line on Linux; undefined where /proc is not available. */
async function commandLine(pid: number): Promise<string | undefined> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replace(/\0/g, ' ');
  } catch {
    return undefined;
  }
}

/**
 * A pid can be reused by an unrelated process, so check its command line where /proc allows;
 * elsewhere `unverified` decides.
 */
export async function isLiveProcess(
  pid: number,
  looksLike: RegExp,
  unverified: boolean,
): Promise<boolean> {
  if (!isAlive(pid)) return false;
  const command = await commandLine(pid);
  return command === undefined ? unverified : looksLike.test(command);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until the pid is gone (or a zombie); true when that happened within `timeoutMs`. */
export async function waitForPidExit(pid: number, timeoutMs: number): Promise<boolean> {
  for (let waited = 0; waited < timeoutMs; waited += 100) {
    if (!(await isRunning(pid))) return true;
    await sleep(100);
  }
  return !(await isRunning(pid));
}

function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    // Gone in the meantime: nothing left to stop.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** SIGTERM a process that is not our child, then SIGKILL it after the grace time. */
export async function terminatePid(pid: number, graceMs: number): Promise<void> {
  if (!(await isRunning(pid))) return;
  signalPid(pid, 'SIGTERM');
  if (await waitForPidExit(pid, graceMs)) return;
  signalPid(pid, 'SIGKILL');
  await waitForPidExit(pid, 5_000);
}
