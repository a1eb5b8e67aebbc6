import { mkdtemp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AgentConfig } from '../config/schema.js';
import { readConfig } from '../config/store.js';
import { downloadBundle, fetchLatestVersion } from '../install/bundle-download.js';
import { waitHealthy, type HealthOutcome } from '../install/health.js';
import { readInstallManifest, type InstallManifest } from '../install/manifest.js';
import { recordFailedUpgrade } from '../install/self-upgrade.js';
import { serviceExited, startService, stopService } from '../install/service.js';
import { tailLines } from '../redis/log-tail.js';
import {
  currentVersion,
  pruneVersions,
  switchCurrent,
  unpackVersion,
} from '../install/versions.js';
import { commandHelp } from './help.js';
import { print, printError } from './output.js';
import { usageErrors } from './usage-error.js';

const options = {
  config: { type: 'string' },
  to: { type: 'string' },
  force: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

interface Upgrade {
  manifest: InstallManifest;
  config: AgentConfig;
  from: string;
  to: string;
}

/** Switches `current` to `version`, restarts, and reports whether it came up healthy. */
async function activate(upgrade: Upgrade, version: string): Promise<HealthOutcome> {
  const { manifest } = upgrade;
  await switchCurrent(manifest.prefix, version);
  print(`restarting the agent on ${version} (${manifest.service})`);
  await stopService(manifest);
  await startService(manifest);
  return waitHealthy(upgrade.config, version, () => serviceExited(manifest));
}

/** Says why `version` was not accepted, with the end of the agent's log when it exited. */
async function reportUnhealthy(upgrade: Upgrade, outcome: HealthOutcome): Promise<void> {
  const { manifest, from, to } = upgrade;
  const why = outcome === 'exited' ? 'exited before becoming healthy' : 'did not become healthy';
  printError(`error: agent ${to} ${why}; rolling back to ${from}`);
  if (manifest.service !== 'background') return;
  const tail = await tailLines(manifest.logFile, 10);
  if (tail.length > 0) printError(`last lines of ${manifest.logFile}:\n  ${tail.join('\n  ')}`);
}

async function install(upgrade: Upgrade): Promise<number> {
  const { manifest, config, from, to } = upgrade;
  const work = await mkdtemp(path.join(manifest.prefix, '.upgrade-'));
  try {
    print(`downloading agent ${to} from ${config.consoleUrl} and verifying its SHA-256`);
    const archive = await downloadBundle(config.consoleUrl, config.credential, to, work);
    await unpackVersion(manifest.prefix, to, archive);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const outcome = await activate(upgrade, to);
  if (outcome === 'healthy') {
    const all = await readdir(path.join(manifest.prefix, 'versions'));
    await pruneVersions(manifest.prefix, [to, from], all);
    print(`upgraded ${from} -> ${to}; the agent is healthy`);
    return 0;
  }
  await reportUnhealthy(upgrade, outcome);
  const restored = (await activate(upgrade, from)) === 'healthy';
  await recordFailedUpgrade(manifest.prefix, to);
  printError(restored ? `rolled back: ${from} is running again` : `rollback to ${from} failed`);
  return 1;
}

/** Fetches the console's current bundle, swaps it in atomically and rolls back if it fails. */
export async function upgradeCommand(argv: string[]): Promise<number> {
  const { values } = usageErrors('upgrade', () => parseArgs({ args: argv, options, strict: true }));
  if (values.help) {
    print(commandHelp.upgrade);
    return 0;
  }
  const manifest = await readInstallManifest();
  const config = await readConfig(values.config ?? manifest.configPath);
  const from = await currentVersion(manifest.prefix);
  const to = values.to ?? (await fetchLatestVersion(config.consoleUrl, config.credential));
  if (to === from && !values.force) {
    print(`already running agent ${from}, the version the console serves`);
    return 0;
  }
  return install({ manifest, config, from, to });
}
