// Starts and stops the installed agent the way install.sh set it up: a systemd unit, or a
// background process recorded in a pid file.
import { execFile, spawn } from 'node:child_process';
import { open, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { isRunning } from '../run/processes.js';
import { launcherPath, type InstallManifest } from './manifest.js';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const unitName = (manifest: InstallManifest) => path.basename(manifest.unitFile);

async function readPid(file: string): Promise<number | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** SIGTERM, then SIGKILL after `graceMs`: the agent stops Redis cleanly on SIGTERM. */
async function stopPid(pid: number, graceMs = 30_000): Promise<void> {
  if (!(await isRunning(pid))) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!(await isRunning(pid))) return;
    await sleep(100);
  }
  process.kill(pid, 'SIGKILL');
}

function startBackground(manifest: InstallManifest, logFd: number): number {
  const child = spawn(launcherPath(manifest), ['run', '--config', manifest.configPath], {
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  child.unref();
  if (child.pid === undefined) throw new Error('could not start the agent process');
  return child.pid;
}

export async function startService(manifest: InstallManifest): Promise<void> {
  if (manifest.service === 'systemd') {
    await run('systemctl', ['start', unitName(manifest)]);
    return;
  }
  const log = await open(manifest.logFile, 'a');
  try {
    const pid = startBackground(manifest, log.fd);
    await writeFile(manifest.pidFile, `${pid}\n`);
  } finally {
    await log.close();
  }
}

export async function stopService(manifest: InstallManifest): Promise<void> {
  if (manifest.service === 'systemd') {
    await run('systemctl', ['stop', unitName(manifest)]);
    return;
  }
  const pid = await readPid(manifest.pidFile);
  if (pid !== undefined) await stopPid(pid);
  await rm(manifest.pidFile, { force: true });
}

/** True when a background agent's process is gone; a systemd unit is left to systemd. */
export async function serviceExited(manifest: InstallManifest): Promise<boolean> {
  if (manifest.service === 'systemd') return false;
  const pid = await readPid(manifest.pidFile);
  return pid === undefined || !(await isRunning(pid));
}

/** Stops the agent for good: a systemd unit is also disabled and removed. */
export async function removeService(manifest: InstallManifest): Promise<void> {
  if (manifest.service === 'background') {
    await stopService(manifest);
    return;
  }
  await run('systemctl', ['disable', '--now', unitName(manifest)]).catch(() => undefined);
  await rm(manifest.unitFile, { force: true });
  await run('systemctl', ['daemon-reload']).catch(() => undefined);
}
