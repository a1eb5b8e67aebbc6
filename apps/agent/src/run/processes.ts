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
