// A data-path test stack without the fleet engineers' orchestration (data contract): a real
// 3-primary Redis Cluster with the cluster user applied on each node, a real PostgreSQL database,
// and a data config served by an in-test stand-in for agentData.config.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import {
  databaseKinds,
  startRedisCluster,
  startTestDatabase,
  type TestDatabase,
  type TestRedisCluster,
} from '@cachefleet/testing';
import { Redis } from 'ioredis';
import pg from 'pg';
import { Registry } from 'prom-client';
import type { AgentDataConfig, NamespaceConfig, Permission } from '../../src/data/config-schema.js';
import { DataService } from '../../src/data/data-service.js';
import { listen } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';

export const clusterUser = { username: 'cachefleet', password: randomBytes(12).toString('hex') };

export interface DataStack {
  cluster: TestRedisCluster;
  db: TestDatabase;
  pool: pg.Pool;
  /** Connects to a node as the cluster user. */
  node(index: number): Redis;
  stop(): Promise<void>;
}

export async function startDataStack(): Promise<DataStack> {
  const kind = databaseKinds().includes('server') ? 'server' : 'pglite';
  const [cluster, db] = await Promise.all([startRedisCluster(3), startTestDatabase(kind)]);
  for (const node of cluster.nodes) {
    const admin = new Redis({ host: node.host, port: node.port });
    const { username, password } = clusterUser;
    await admin.call('ACL', 'SETUSER', username, 'on', `>${password}`, '~*', '&*', '+@all');
    admin.disconnect();
  }
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  pool.on('error', () => undefined);
  const opened: Redis[] = [];
  return {
    cluster,
    db,
    pool,
    node(index) {
      const n = cluster.nodes[index];
      if (n === undefined) throw new Error(`no node ${index}`);
      const client = new Redis({ host: n.host, port: n.port, ...clusterUser });
      opened.push(client);
      return client;
    },
    async stop() {
      for (const client of opened) client.disconnect();
      await pool.end();
      await Promise.all([cluster.stop(), db.stop()]);
    },
  };
}

export function namespace(
  name: string,
  db: TestDatabase,
  overrides: Partial<NamespaceConfig> = {},
): NamespaceConfig {
  return {
    name,
    writeMode: 'write-through',
    ttlSeconds: 600,
    softTtlSeconds: null,
    jitter: 0,
    negativeTtlSeconds: null,
    l1MaxEntries: 1000,
    l1MaxBytes: 1 << 20,
    maxKeyBytes: 64,
    maxValueBytes: 1024,
    tagsEnabled: true,
    source: {
      connectionString: db.url,
      table: `ns_${name.replaceAll('-', '_')}`,
      keyColumn: 'key',
      valueColumn: 'value',
      versionColumn: 'version',
      valueType: 'jsonb',
    },
    ...overrides,
  };
}

export interface TestKey {
  secret: string;
  config: AgentDataConfig['apiKeys'][number];
}

export function apiKey(scopes: Record<string, Permission>): TestKey {
  const id = crypto.randomUUID();
  const secret = `cfk_${randomBytes(24).toString('base64url')}`;
  return {
    secret,
    config: {
      id,
      prefix: secret.slice(0, 8),
      hash: createHash('sha256').update(secret).digest('hex'),
      scopes: Object.entries(scopes).map(([ns, permission]) => ({ namespace: ns, permission })),
      aclUser: `cfk_${id.replaceAll('-', '')}`,
      aclPassword: randomBytes(16).toString('hex'),
    },
  };
}

export function dataConfig(
  cluster: TestRedisCluster,
  namespaces: NamespaceConfig[],
  keys: TestKey[],
): AgentDataConfig {
  return {
    cluster: { id: 'c1', name: 'test', nodes: cluster.startupNodes, ...clusterUser },
    namespaces,
    apiKeys: keys.map((k) => k.config),
  };
}

/** The control plane's side of agentData.config: a revision that changes with every set(). */
export class ConfigSource {
  private revision = 0;
  /** While true, fetch fails as an unreachable control plane would. */
  down = false;
  constructor(private config: AgentDataConfig) {}
  set(config: AgentDataConfig): void {
    this.config = config;
    this.revision++;
  }
  fetch = (known: string | undefined) => {
    if (this.down) return Promise.reject(new Error('control plane unreachable'));
    return Promise.resolve(
      known === String(this.revision)
        ? { revision: known, config: null }
        : { revision: String(this.revision), config: this.config },
    );
  };
}

export interface RunningDataService {
  service: DataService;
  registry: Registry;
  url: string;
  stop(): Promise<void>;
}

export async function startDataService(
  source: ConfigSource,
  redisCall?: (command: string, ...args: string[]) => Promise<unknown>,
): Promise<RunningDataService> {
  const registry = new Registry();
  const service = new DataService({
    fetchConfig: source.fetch,
    registry,
    log: createLogger({}, 'error'),
    redisCall,
    pollMs: 200,
    drainer: { idleMs: 20, retryBaseMs: 5 },
  });
  await service.poll();
  service.start();
  const server = http.createServer(service.handle);
  const port = await listen(server, '127.0.0.1', 0);
  return {
    service,
    registry,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await service.stop();
    },
  };
}

export interface Reply {
  status: number;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
}

/** One request to the data API; `body` strings are sent as they are (malformed JSON cases). */
export async function call(
  url: string,
  method: string,
  path: string,
  options: { secret?: string; body?: unknown } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.secret !== undefined) headers.authorization = `Bearer ${options.secret}`;
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const response = await fetch(`${url}${path}`, { method, headers, body });
  return { status: response.status, body: (await response.json()) as Reply['body'] };
}

/** The value of one exact series (`name{labels}`) in Prometheus text. */
export function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
