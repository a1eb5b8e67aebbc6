// A DataService in a process of its own, run from the built dist/ (the suite's global setup
// builds it), so a test can SIGKILL it mid-drain like a crashed agent.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AgentDataConfig } from '../../src/data/config-schema.js';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
const module = (file: string) => JSON.stringify(pathToFileURL(path.join(dist, file)).href);

// The config never changes in the child; the poll only keeps its ACL/usage loop honest.
const program = `
import http from 'node:http';
import { Registry } from 'prom-client';
import { DataService } from ${module('data/data-service.js')};
import { listen } from ${module('http/server.js')};
import { createLogger } from ${module('logger.js')};
const config = JSON.parse(process.env.CF_DATA_CONFIG);
const service = new DataService({
  fetchConfig: async () => ({ revision: '1', config }),
  registry: new Registry(),
  log: createLogger({ component: 'child-agent' }, 'warn'),
  pollMs: 500,
  drainer: { idleMs: 20, retryBaseMs: 5 },
});
await service.poll();
service.start();
const server = http.createServer(service.handle);
const port = await listen(server, '127.0.0.1', 0);
process.stdout.write(JSON.stringify({ port }) + '\\n');
`;

export interface ChildAgent {
  url: string;
  process: ChildProcess;
  kill(): Promise<void>;
}

export async function startChildAgent(config: AgentDataConfig): Promise<ChildAgent> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', program], {
    cwd: path.dirname(dist),
    env: { ...process.env, CF_DATA_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => {
      reject(new Error(`child agent exited with ${String(code)}`));
    });
    lines.on('line', (line) => {
      if (line.startsWith('{"port"')) resolve((JSON.parse(line) as { port: number }).port);
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
