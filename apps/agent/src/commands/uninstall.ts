import { readdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AgentConfig } from '../config/schema.js';
import { readConfig } from '../config/store.js';
import { callTimeout, createControlPlaneClient } from '../control-plane/client.js';
import { describeFailure } from '../control-plane/errors.js';
import { readInstallManifest, type InstallManifest } from '../install/manifest.js';
import { removeService } from '../install/service.js';
import { commandHelp } from './help.js';
import { print, printError } from './output.js';
import { usageErrors } from './usage-error.js';

const options = {
  config: { type: 'string' },
  force: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Leaves the console; a problem is returned (to print) rather than thrown. */
async function leaveConsole(config: AgentConfig, force: boolean): Promise<string | undefined> {
  const client = createControlPlaneClient(config.consoleUrl, config.credential);
  try {
    const membership = await client.agent.membership.query(undefined, callTimeout());
    if (membership.ownsSlots && !force) {
      return `this node still runs ${membership.nodes} cluster node(s) and owns slots; drain it first, or pass --force`;
    }
    await client.agent.deregister.mutate({ force, reason: 'uninstall' }, callTimeout());
    print(`deregistered ${config.name} (agent ${config.agentId}) from ${config.consoleUrl}`);
    return undefined;
  } catch (error) {
    const { message, code } = describeFailure(error);
    const problem = `could not deregister from the console: ${message} (${code})`;
    if (!force) return `${problem}; nothing was changed. Pass --force to uninstall anyway`;
    printError(`warning: ${problem}; uninstalling anyway (--force)`);
    return undefined;
  }
}

async function removeFiles(manifest: InstallManifest, configPath: string): Promise<void> {
  await rm(manifest.dataDir, { recursive: true, force: true });
  await rm(configPath, { force: true });
  await rm(manifest.prefix, { recursive: true, force: true });
  const configDir = path.dirname(configPath);
  if ((await readdir(configDir).catch(() => ['?'])).length === 0) await rmdir(configDir);
}

/** Leaves the fleet safely, stops the service and removes everything install.sh put here. */
export async function uninstallCommand(argv: string[]): Promise<number> {
  const parse = () => parseArgs({ args: argv, options, strict: true });
  const { values } = usageErrors('uninstall', parse);
  if (values.help) {
    print(commandHelp.uninstall);
    return 0;
  }
  const manifest = await readInstallManifest();
  const configPath = values.config ?? manifest.configPath;
  const config = await readConfig(configPath);
  const problem = await leaveConsole(config, values.force);
  if (problem) {
    printError(`error: ${problem}`);
    return 1;
  }
  print(`stopping the agent (${manifest.service})`);
  await removeService(manifest);
  await removeFiles(manifest, configPath);
  print(`removed ${manifest.prefix}, ${configPath} and ${manifest.dataDir}`);
  return 0;
}
