// Real agents' data path, one process per Redis node: the agent's built DataService (apps/agent
// dist, as `cachefleet-agent run` wires it) pulling agentData.config from the real control plane
// with its own credential, applying the API keys' ACL users to its own node, and serving /v1.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const agentDist = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../apps/agent/dist',
);
const agentModule = (file: string) =>
  JSON.stringify(pathToFileURL(path.join(agentDist, file)).href);

// The same DataService options as createAgentDataService, with a 250 ms config poll.
const program = `
import http from 'node:http';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { callTimeout, createControlPlaneClient } from ${agentModule('control-plane/client.js')};
import { DataService } from ${agentModule('data/data-service.js')};
import { listen } from ${agentModule('http/server.js')};
import { createLogger } from ${agentModule('logger.js')};
const env = JSON.parse(process.env.CF_REAL_AGENT);
const client = createControlPlaneClient(env.consoleUrl, env.credential);
const node = new Redis({ host: env.node.host, port: env.node.port, maxRetriesPerRequest: 1 });
const service = new DataService({
  fetchConfig: (knownRevision) => client.agentData.config.query({ knownRevision }, callTimeout()),
  reportUsage: (usage) => client.agentData.reportKeyUsage.mutate({ usage }, callTimeout()),
  redisCall: (command, ...args) => node.call(command, ...args),
  registry: new Registry(),
  log: createLogger({ component: 'real-agent' }, 'warn'),
  pollMs: 250,
});
await service.poll();
service.start();
const server = http.createServer(service.handle);
await listen(server, '127.0.0.1', env.port);
process.stdout.write('listening\\n');
`;

export interface RealAgentOptions {
  consoleUrl: string;
  /** The agent's `cfa_…` credential (its row holds the hash). */
  credential: string;
  /** The Redis node this agent supervises, where it applies the ACL users. */
  node: { host: string; port: number };
  /** Where its data API listens (its row's agent port). */
  port: number;
}

export interface RealAgent {
  url: string;
  stop(): Promise<void>;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export async function startRealAgent(options: RealAgentOptions): Promise<RealAgent> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', program], {
    cwd: path.dirname(agentDist),
    env: { ...process.env, CF_REAL_AGENT: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => {
        reject(new Error(`agent exited with ${String(code)} before listening`));
      });
      lines.on('line', (line) => {
        if (line === 'listening') resolve();
      });
    });
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    url: `http://127.0.0.1:${options.port}`,
    stop: () => stopChild(child),
  };
}
