import { spawn } from 'node:child_process';
import { mkdtemp, open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { joinAgent } from '../../scripts/stack/fleet.mjs';
import { stopAgentProcess } from './agent-process.js';

export const admin = { email: 'admin@e2e.test', password: 'e2e admin password' };

const agentCli = path.resolve(import.meta.dirname, '../../apps/agent/dist/cli.js');

/**
 * Runs the real agent CLI: `join` with the token the console showed, then `run` in the background,
 * its log in `<dir>/agent.log`. `stop()` is bounded (see stopAgentProcess).
 */
export async function startAgent(consoleUrl: string, token: string, name: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cf-e2e-agent-'));
  const config = await joinAgent({ consoleUrl, token, name, dir });
  const log = await open(path.join(dir, 'agent.log'), 'a');
  const run = spawn('node', [agentCli, 'run', '--config', config], {
    stdio: ['ignore', log.fd, log.fd],
  });
  await log.close();
  return {
    /** The agent's data dir: agent.json, agent.state.json, redis.conf, agent.log. */
    dir,
    stop: () => stopAgentProcess(run, dir),
  };
}
