import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { joinAgent } from '../../scripts/stack/fleet.mjs';

export const admin = { email: 'admin@e2e.test', password: 'e2e admin password' };

const agentCli = path.resolve(import.meta.dirname, '../../apps/agent/dist/cli.js');

function finished(child: ChildProcess): Promise<number> {
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      resolve(code ?? 1);
    }),
  );
}

/** Runs the real agent CLI: `join` with the token the console showed, then `run` in the background. */
export async function startAgent(consoleUrl: string, token: string, name: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cf-e2e-agent-'));
  const config = await joinAgent({ consoleUrl, token, name, dir });
  const run = spawn('node', [agentCli, 'run', '--config', config], { stdio: 'ignore' });
  return {
    /** The agent's data dir: agent.json, agent.state.json, redis.conf. */
    dir,
    async stop() {
      if (run.exitCode !== null) return;
      run.kill('SIGTERM');
      await finished(run);
    },
  };
}
