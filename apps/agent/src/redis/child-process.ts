import { spawn, type ChildProcess } from 'node:child_process';
import type { SupervisedProcess } from './supervised-process.js';

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves true when the child exits within `timeoutMs`, false otherwise. */
export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, timeoutMs);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/** SIGTERM (Redis shuts down without saving, since `save ""`), then SIGKILL after the grace time. */
export async function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  if (hasExited(child)) return;
  child.kill('SIGTERM');
  if (await waitForExit(child, graceMs)) return;
  child.kill('SIGKILL');
  await waitForExit(child, 5_000);
}

/** Spawns and resolves once the OS started the process; a missing binary rejects (ENOENT). */
export function spawnProcess(bin: string, args: string[]): Promise<ChildProcess> {
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    child.once('spawn', () => {
      resolve(child);
    });
    child.once('error', reject);
  });
}

/** The supervisor's view of its own child. */
export function superviseChild(child: ChildProcess): SupervisedProcess {
  return {
    pid: child.pid,
    hasExited: () => hasExited(child),
    onExit(listener) {
      child.once('exit', listener);
    },
    terminate: (graceMs) => terminate(child, graceMs),
  };
}
