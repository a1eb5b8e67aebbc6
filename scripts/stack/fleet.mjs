// @ts-check
// The local fleet: N agents on loopback, each joined once with its own enrollment token and then
// restarted from its saved config on later starts.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createDbClient } from '@cachefleet/db';
import { createContext, issueEnrollmentToken } from '@cachefleet/api';
import { root } from './paths.mjs';
import { run, start, waitFor } from './processes.mjs';

const cli = path.join(root, 'apps/agent/dist/cli.js');

/** @param {string} databaseUrl */
async function issueToken(databaseUrl) {
  const client = createDbClient(databaseUrl, { max: 1 });
  try {
    const ctx = await createContext({ db: client.db, systemActor: 'launcher' });
    const issued = await issueEnrollmentToken(ctx, { note: 'local fleet', ttlMinutes: 5 });
    return issued.token;
  } finally {
    await client.close();
  }
}

/**
 * Runs the real `cachefleet-agent join` with an enrollment token; the config lands in `<dir>/agent.json`.
 * @param {{ consoleUrl: string, token: string, name: string, dir: string }} options
 */
export async function joinAgent(options) {
  const config = path.join(options.dir, 'agent.json');
  await run('node', [
    cli,
    'join',
    '--url',
    options.consoleUrl,
    '--token',
    options.token,
    '--config',
    config,
    '--name',
    options.name,
    '--data-dir',
    options.dir,
  ]);
  return config;
}

/**
 * @param {{ index: number, dataDir: string, consoleUrl: string, databaseUrl: string }} options
 * @returns {Promise<{ name: string, config: string, dir: string }>}
 */
async function ensureJoined(options) {
  const name = `local-${options.index}`;
  const dir = path.join(options.dataDir, 'agents', name);
  const config = path.join(dir, 'agent.json');
  if (!existsSync(config)) {
    const token = await issueToken(options.databaseUrl);
    await joinAgent({ consoleUrl: options.consoleUrl, token, name, dir });
  }
  return { name, config, dir };
}

/** Reads the port the running agent serves /healthz and /metrics on. */
async function agentPort(/** @type {string} */ dir) {
  const state = JSON.parse(await readFile(path.join(dir, 'agent.state.json'), 'utf8'));
  return /** @type {number} */ (state.agentPort);
}

/**
 * Joins (first start only) and runs `count` agents; resolves with their metrics addresses.
 * @param {{ count: number, dataDir: string, consoleUrl: string, databaseUrl: string }} options
 */
export async function startFleet(options) {
  const agents = [];
  for (let index = 1; index <= options.count; index++) {
    agents.push(await ensureJoined({ ...options, index }));
  }
  for (const agent of agents) {
    start(agent.name, 'node', [cli, 'run', '--config', agent.config], { quiet: true });
  }
  const targets = [];
  for (const agent of agents) {
    await waitFor(
      `agent ${agent.name}`,
      async () => {
        const port = await agentPort(agent.dir);
        const response = await fetch(`http://127.0.0.1:${port}/readyz`);
        return response.ok;
      },
      60_000,
    );
    targets.push({ name: agent.name, address: `127.0.0.1:${await agentPort(agent.dir)}` });
  }
  return targets;
}
