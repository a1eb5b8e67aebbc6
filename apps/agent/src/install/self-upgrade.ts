// When an operator asks for an upgrade, the heartbeat reply names the version; the running agent
// starts `cachefleet-agent upgrade` outside its own process tree, because the upgrade restarts it.
import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { agentEnv } from '../env.js';
import type { Logger } from '../logger.js';
import { launcherPath, readInstallManifest, type InstallManifest } from './manifest.js';

const failedFile = (prefix: string) => path.join(prefix, 'upgrade-failed');

/** Remembers a version that failed its health check, so the agent does not retry it forever. */
export async function recordFailedUpgrade(prefix: string, version: string): Promise<void> {
  await writeFile(failedFile(prefix), `${version}\n`);
}

async function failedBefore(prefix: string, version: string): Promise<boolean> {
  const text = await readFile(failedFile(prefix), 'utf8').catch(() => '');
  return text.trim() === version;
}

function spawnUpgrade(manifest: InstallManifest, version: string): void {
  const args = ['upgrade', '--to', version, '--config', manifest.configPath];
  if (manifest.service === 'systemd') {
    const unit = ['--collect', '--unit', `cachefleet-agent-upgrade-${String(Date.now())}`];
    spawn('systemd-run', [...unit, launcherPath(manifest), ...args], { stdio: 'ignore' }).unref();
    return;
  }
  const log = openSync(manifest.logFile, 'a');
  try {
    const child = spawn(launcherPath(manifest), args, {
      detached: true,
      stdio: ['ignore', log, log],
    });
    child.unref();
  } finally {
    closeSync(log);
  }
}

export function createSelfUpgrader(log: Logger): (version: string) => void {
  let started: string | undefined;
  return (version) => {
    if (started === version) return;
    started = version;
    void (async () => {
      if (!agentEnv.agentHome) {
        log.warn(
          'the console asked for an upgrade, but this agent was not installed by install.sh',
          {
            version,
          },
        );
        return;
      }
      const manifest = await readInstallManifest();
      if (await failedBefore(manifest.prefix, version)) {
        log.warn('not retrying an upgrade that failed its health check', { version });
        return;
      }
      log.info('upgrading at the console’s request', { version });
      spawnUpgrade(manifest, version);
    })().catch((error: unknown) => {
      log.error('could not start the upgrade', { version, error });
    });
  };
}
