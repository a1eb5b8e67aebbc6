// A host installed by the console's install.sh into temporary dirs (background service), and
// the installed launcher, run as an operator would.
import { execFile } from 'node:child_process';
import { access, readlink } from 'node:fs/promises';
import path from 'node:path';
import type { AgentConfig } from '../../src/config/schema.js';
import { readConfig } from '../../src/config/store.js';
import { runningAgentState } from '../../src/status/checks.js';
import { installScript } from './bundles.js';

export interface Run {
  code: number;
  output: string;
}

function exec(file: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 180_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr });
    });
  });
}

export async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

export interface InstalledHost {
  prefix: string;
  configPath: string;
  config(): Promise<AgentConfig>;
  /** The installed launcher, `<prefix>/bin/cachefleet-agent <args>`. */
  cli(args: string[]): Promise<Run>;
  /** The version `<prefix>/current` points at. */
  currentTarget(): Promise<string>;
  /** The pid of the running agent. */
  pid(): Promise<number>;
  /** The running agent's /healthz version and /readyz status. */
  probe(): Promise<{ version: unknown; readyz: number }>;
}

export async function installHost(consoleUrl: string, token: string, root: string) {
  const prefix = path.join(root, 'opt/cachefleet-agent');
  const configDir = path.join(root, 'etc');
  const install = await exec('sh', [
    ...[installScript, '--url', consoleUrl, '--token', token, '--prefix', prefix],
    ...['--config-dir', configDir, '--service', 'background', '--name', 'rollback-host'],
  ]);
  const configPath = path.join(configDir, 'agent.json');
  const host: InstalledHost = {
    prefix,
    configPath,
    config: () => readConfig(configPath),
    cli: (args) => exec(path.join(prefix, 'bin/cachefleet-agent'), args),
    currentTarget: () => readlink(path.join(prefix, 'current')),
    async pid() {
      const state = await runningAgentState(await host.config());
      if (!state) throw new Error('no agent is running');
      return state.pid;
    },
    async probe() {
      const state = await runningAgentState(await host.config());
      if (!state) throw new Error('no agent is running');
      const base = `http://127.0.0.1:${state.agentPort}`;
      const health = (await (await fetch(`${base}/healthz`)).json()) as { version?: unknown };
      return { version: health.version, readyz: (await fetch(`${base}/readyz`)).status };
    },
  };
  return { install, host };
}
