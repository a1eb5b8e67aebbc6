import { mkdtemp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AgentConfig } from '../config/schema.js';
import { readConfig } from '../config/store.js';
import { downloadBundle, fetchLatestVersion } from '../install/bundle-download.js';
import { waitHealthy } from '../install/health.js';
import { readInstallManifest, type InstallManifest } from '../install/manifest.js';
import { recordFailedUpgrade } from '../install/self-upgrade.js';
import { startService, stopService } from '../install/service.js';
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
async function activate(upgrade: Upgrade, version: string): Promise<boolean> {
  await switchCurrent(upgrade.manifest.prefix, version);
  print(`restarting the agent on ${version} (${upgrade.manifest.service})`);
  await stopService(upgrade.manifest);
  await startService(upgrade.manifest);
  return waitHealthy(upgrade.config, version);
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
  if (await activate(upgrade, to)) {
    const all = await readdir(path.join(manifest.prefix, 'versions'));
    await pruneVersions(manifest.prefix, [to, from], all);
    print(`upgraded ${from} -> ${to}; the agent is healthy`);
    return 0;
  }
  printError(`error: agent ${to} did not become healthy; rolling back to ${from}`);
  const restored = await activate(upgrade, from);
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
