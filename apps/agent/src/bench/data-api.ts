// `npm run bench -w @cachefleet/agent`: data API GET (over HTTP keep-alive, through cache-core)
// against a raw ioredis GET of a value of the same size on the same Redis Cluster, and against a
// bare Node HTTP server driven by the same client (the harness's floor), printed side by side as
// JSON lines and a table. The DataService runs in this process, as in a real agent.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { startRedisCluster } from '@cachefleet/testing';
import { Cluster, Redis } from 'ioredis';
import { Registry } from 'prom-client';
import type { AgentDataConfig, NamespaceConfig } from '../data/config-schema.js';
import { DataService } from '../data/data-service.js';
import { listen } from '../http/server.js';
import { createLogger } from '../logger.js';
import { runLoad, type LoadResult } from './load.js';

const keyCount = 1000;
const value = { data: 'x'.repeat(100) };
const concurrency = 32;
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 5000);
const user = { username: 'cachefleet', password: randomBytes(12).toString('hex') };
const secret = `cfk_${randomBytes(24).toString('base64url')}`;

function namespace(name: string, l1: boolean): NamespaceConfig {
  return {
    name,
    writeMode: 'cache-aside',
    ttlSeconds: 3600,
    softTtlSeconds: null,
    jitter: 0,
    negativeTtlSeconds: null,
    l1MaxEntries: l1 ? 10_000 : 0,
    l1MaxBytes: l1 ? 64 << 20 : 0,
    maxKeyBytes: 1024,
    maxValueBytes: 1 << 20,
    tagsEnabled: false,
    source: null,
  };
}

function dataConfig(nodes: { host: string; port: number }[]): AgentDataConfig {
  const names = ['bench-l2', 'bench-l1'];
  return {
    cluster: { id: 'bench', name: 'bench', nodes, ...user },
    namespaces: [namespace('bench-l2', false), namespace('bench-l1', true)],
    apiKeys: [
      {
        id: '00000000-0000-4000-8000-000000000000',
        prefix: secret.slice(0, 8),
        hash: createHash('sha256').update(secret).digest('hex'),
        scopes: names.map((ns) => ({ namespace: ns, permission: 'read-write' as const })),
        aclUser: 'cfk_bench',
        aclPassword: randomBytes(12).toString('hex'),
      },
    ],
  };
}

function httpGet(agent: http.Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${secret}` };
    const req = http.get({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
      res.resume();
      res.once('end', () => {
        resolve(res.statusCode ?? 0);
      });
    });
    req.once('error', reject);
  });
}

async function seed(port: number, agent: http.Agent, ns: string): Promise<void> {
  for (let i = 0; i < keyCount; i++) {
    await new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({ value });
      const req = http.request(
        { host: '127.0.0.1', port, path: `/v1/ns/${ns}/keys/k${i}`, method: 'PUT', agent },
        (res) => {
          res.resume();
          res.once('end', resolve);
        },
      );
      req.setHeader('authorization', `Bearer ${secret}`);
      req.once('error', reject);
      req.end(body);
    });
  }
}

/** runLoad plus this process's CPU time per op (server and client both run here): less moved by
 * other work on the machine than ops/s. */
async function load(
  operation: (i: number) => Promise<unknown>,
): Promise<LoadResult & { cpuUsPerOp: number }> {
  const cpu = process.cpuUsage();
  const result = await runLoad(operation, concurrency, durationMs);
  const used = process.cpuUsage(cpu);
  return { ...result, cpuUsPerOp: Math.round((used.user + used.system) / Math.max(1, result.ops)) };
}

function print(name: string, result: LoadResult): void {
  process.stdout.write(`${JSON.stringify({ bench: name, concurrency, ...result })}\n`);
}

/**
 * The floor of this harness: a bare Node HTTP server answering the same JSON as an L1 hit, driven
 * by the same in-process client, so the data API's own cost is what lies above it.
 */
async function startFloorServer(): Promise<{ port: number; server: http.Server }> {
  const body = JSON.stringify({ key: 'k0', value, version: '1', tier: 'l1' });
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
  return { port: await listen(server, '127.0.0.1', 0), server };
}

async function measure(
  raw: Cluster,
  agent: http.Agent,
  port: number,
  floorPort: number,
): Promise<[string, LoadResult][]> {
  const key = (i: number) => `k${i % keyCount}`;
  const results: [string, LoadResult][] = [];
  const rawGet = (i: number) => raw.get(`raw:{${key(i)}}`);
  results.push(['raw_ioredis_get', await load(rawGet)]);
  const floorGet = (i: number) => httpGet(agent, floorPort, `/v1/ns/floor/keys/${key(i)}`);
  results.push(['bare_http_get', await load(floorGet)]);
  for (const tier of ['l2', 'l1']) {
    const apiGet = async (i: number) => {
      const status = await httpGet(agent, port, `/v1/ns/bench-${tier}/keys/${key(i)}`);
      if (status !== 200) throw new Error(`data API answered ${status}`);
    };
    results.push([`data_api_get_${tier}`, await load(apiGet)]);
  }
  return results;
}

async function startCluster() {
  const cluster = await startRedisCluster(3);
  for (const node of cluster.nodes) {
    const admin = new Redis({ host: node.host, port: node.port });
    await admin.call(
      'ACL',
      'SETUSER',
      user.username,
      'on',
      `>${user.password}`,
      '~*',
      '&*',
      '+@all',
    );
    admin.disconnect();
  }
  return cluster;
}

async function main(): Promise<void> {
  const cluster = await startCluster();
  const config = dataConfig(cluster.startupNodes);
  const service = new DataService({
    fetchConfig: () => Promise.resolve({ revision: '1', config }),
    registry: new Registry(),
    log: createLogger({}, 'error'),
  });
  await service.poll();
  const server = http.createServer(service.handle);
  const port = await listen(server, '127.0.0.1', 0);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const raw = new Cluster(cluster.startupNodes, { redisOptions: user });
  const floor = await startFloorServer();
  try {
    await seed(port, agent, 'bench-l2');
    await seed(port, agent, 'bench-l1');
    const payload = JSON.stringify(value);
    await Promise.all(Array.from({ length: keyCount }, (_, i) => raw.set(`raw:{k${i}}`, payload)));
    const results = await measure(raw, agent, port, floor.port);
    for (const [name, result] of results) print(name, result);
    console.table(Object.fromEntries(results.map(([name, r]) => [name, { ...r }])));
  } finally {
    agent.destroy();
    raw.disconnect();
    for (const s of [server, floor.server]) {
      s.closeAllConnections();
      s.close();
    }
    await service.stop();
    await cluster.stop();
  }
}

await main();
