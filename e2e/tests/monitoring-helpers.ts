import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import type { APIRequestContext } from '@playwright/test';
import type { RouterInputs, RouterOutputs } from '@cachefleet/api';

const exec = promisify(execFile);

/** One POST the test webhook receiver got: raw body and the headers a signature check needs. */
export interface Delivery {
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** A local HTTP server standing in for a team's webhook endpoint. */
export async function startReceiver() {
  const deliveries: Delivery[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      deliveries.push({ body, headers: req.headers });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    deliveries,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}

/** Calls a console tRPC procedure over HTTP with the signed-in page's session cookie. */
export async function trpc<T>(
  request: APIRequestContext,
  procedure: string,
  input?: unknown,
): Promise<T> {
  const url = `/api/trpc/${procedure}`;
  const response =
    input === undefined ? await request.get(url) : await request.post(url, { data: input });
  const text = await response.text();
  if (!response.ok()) throw new Error(`${procedure}: HTTP ${response.status()} ${text}`);
  return (JSON.parse(text) as { result: { data: T } }).result.data;
}

type Rule = RouterOutputs['alertRules']['list'][number];

/** Changes a stored rule's `for` through the console, which validates, deploys and reloads it. */
export async function setRuleFor(request: APIRequestContext, name: string, forSeconds: number) {
  const rules = await trpc<Rule[]>(request, 'alertRules.list');
  const rule = rules.find((r) => r.name === name);
  if (!rule) throw new Error(`no rule ${name}`);
  const { metric, expression, comparator, threshold, severity, labels, summary, enabled } = rule;
  // The stored metric is one the console accepted, so it is one of the catalogue's names.
  const update = {
    id: rule.id,
    rule: { name, metric, expression, comparator, threshold, severity, labels, summary, enabled },
  } as RouterInputs['alertRules']['update'];
  await trpc(request, 'alertRules.update', { ...update, rule: { ...update.rule, forSeconds } });
  return rule.forSeconds;
}

async function readWhenWritten(file: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** The agent's Redis port and password, from the redis.conf `run` generates in its data dir. */
export async function agentRedis(dir: string) {
  const conf = await readWhenWritten(path.join(dir, 'redis.conf'));
  const port = Number(/^port (\d+)$/m.exec(conf)?.[1]);
  const password = /^requirepass "?([^"\s]+)"?$/m.exec(conf)?.[1];
  if (!port || !password) throw new Error('redis.conf lacks port or requirepass');
  return { port, password };
}

/** Runs redis-cli against the agent's Redis. */
export async function redisCli(redis: { port: number; password: string }, args: string[]) {
  const auth = ['-p', String(redis.port), '-a', redis.password, '--no-auth-warning'];
  return (await exec('redis-cli', [...auth, ...args])).stdout;
}

/**
 * An agent's Redis always runs cluster-enabled and, until the console puts it in a cluster, serves
 * no slot (CLUSTERDOWN): give this lone node every slot so it takes writes.
 */
async function serveAllSlots(redis: { port: number; password: string }) {
  if (/cluster_slots_assigned:0\b/.test(await redisCli(redis, ['CLUSTER', 'INFO']))) {
    await redisCli(redis, ['CLUSTER', 'ADDSLOTSRANGE', '0', '16383']);
  }
  for (let attempt = 0; attempt < 100; attempt++) {
    if ((await redisCli(redis, ['CLUSTER', 'INFO'])).includes('cluster_state:ok')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the agent’s Redis did not reach cluster_state:ok');
}

/** Load for the charts: redis-benchmark's SET/GET mix, with misses from random keys. */
export async function redisLoad(redis: { port: number; password: string }, requests: number) {
  await serveAllSlots(redis);
  const auth = ['-p', String(redis.port), '-a', redis.password];
  const args = ['-t', 'set,get', '-n', String(requests), '-r', '1000', '-c', '8', '-q'];
  await exec('redis-benchmark', [...auth, ...args]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Listens on the port and drops every connection, so a restarted redis-server cannot bind it. */
function occupy(port: number): Promise<net.Server | null> {
  return new Promise((resolve) => {
    const server = net.createServer((socket) => socket.destroy());
    server.once('error', () => {
      resolve(null);
    });
    server.listen(port, '127.0.0.1', () => {
      resolve(server);
    });
  });
}

/**
 * Kills the agent's redis-server and keeps its port taken, so the agent's restarts (with backoff)
 * fail until `release()`; after that the agent's next restart brings Redis back.
 */
export async function takeRedisDown(redis: { port: number; password: string }) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const info = await redisCli(redis, ['INFO', 'server']).catch(() => '');
    const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
    if (pid) process.kill(pid, 'SIGKILL');
    while (pid && alive(pid)) await new Promise((r) => setTimeout(r, 10));
    const server = await occupy(redis.port);
    if (server) {
      return {
        release: () =>
          new Promise<void>((resolve) =>
            server.close(() => {
              resolve();
            }),
          ),
      };
    }
  }
  throw new Error(`could not keep port ${redis.port} from Redis`);
}

/** An instant PromQL query against the test Prometheus; the values of the result vector. */
export async function promValues(expr: string): Promise<number[]> {
  const base = process.env.CACHEFLEET_E2E_PROMETHEUS_URL;
  if (!base) throw new Error('global setup did not start Prometheus');
  const response = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await response.json()) as { data?: { result?: { value: [number, string] }[] } };
  return (body.data?.result ?? []).map((r) => Number(r.value[1]));
}
