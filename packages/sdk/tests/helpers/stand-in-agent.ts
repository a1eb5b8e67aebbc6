// A minimal stand-in for an agent's data API (unit tests only; the end-to-end test runs the real
// agent): cache-core over the cluster as its cluster user, with the namespace's PostgreSQL table,
// answering the contract's routes with the answers the agent gives (no versions in get-many).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Cluster } from 'ioredis';
import { createCache, type Cache } from '@cachefleet/cache-core';
import { PostgresSource } from '@cachefleet/cache-core/postgres';
import { closeServer } from './http-server.js';

export interface StandInOptions {
  namespace: string;
  nodes: { host: string; port: number }[];
  username: string;
  password: string;
  connectionString: string;
  table: string;
  /** Accepted bearer secrets. */
  apiKeys: readonly string[];
}

export interface StandInAgent {
  url: string;
  /** Requests served, by `METHOD /path-kind`. */
  requests: Map<string, number>;
  stop(): Promise<void>;
}

type Json = unknown;

async function readBody(req: http.IncomingMessage): Promise<Record<string, Json>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, Json>;
}

async function versionOf(cache: Cache<Json>, key: string): Promise<string> {
  const view = await cache.inspect(key);
  return String(view.l1?.version ?? view.l2?.version ?? 0);
}

async function route(cache: Cache<Json>, req: http.IncomingMessage, path: string[]) {
  const [op, rawKey] = path;
  const key = rawKey === undefined ? '' : decodeURIComponent(rawKey);
  if (op === 'keys' && req.method === 'GET') {
    const value = await cache.getOrLoad(key);
    if (value === undefined) return [404, { error: { code: 'E_NOT_FOUND', message: key } }];
    return [200, { key, value, version: await versionOf(cache, key), tier: 'l2' }];
  }
  if (op === 'keys' && req.method === 'PUT') {
    const body = await readBody(req);
    const tags = body.tags as string[] | undefined;
    await cache.set(key, body.value, { tags });
    return [200, { key, version: await versionOf(cache, key) }];
  }
  if (op === 'keys' && req.method === 'DELETE') {
    await cache.delete(key);
    return [200, { key, deleted: true }];
  }
  if (op === 'get-many') {
    const keys = (await readBody(req)).keys as string[];
    const values = await cache.getMany(keys);
    return [
      200,
      {
        entries: keys.map((k, i) => ({ key: k, found: values[i] !== undefined, value: values[i] })),
      },
    ];
  }
  if (op === 'set-many') {
    const entries = (await readBody(req)).entries as {
      key: string;
      value: Json;
      tags?: string[];
    }[];
    await cache.setMany(
      entries.map((e) => ({ key: e.key, value: e.value, options: { tags: e.tags } })),
    );
    const versions = await Promise.all(entries.map((e) => versionOf(cache, e.key)));
    return [200, { entries: entries.map((e, i) => ({ key: e.key, version: versions[i] })) }];
  }
  return [404, { error: { code: 'E_BAD_REQUEST', message: 'no such route' } }];
}

export async function startStandInAgent(options: StandInOptions): Promise<StandInAgent> {
  const client = new Cluster(options.nodes, {
    redisOptions: { username: options.username, password: options.password },
  });
  const source = new PostgresSource<Json>({
    connectionString: options.connectionString,
    table: options.table,
    maxConnections: 2,
  });
  await source.ensureTable();
  const cache = createCache<Json>({ namespace: options.namespace, l2: { client }, source });
  await cache.ready;
  const requests = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]?.split('/').slice(4) ?? [];
    const name = `${req.method ?? ''} ${path[0] ?? ''}`;
    requests.set(name, (requests.get(name) ?? 0) + 1);
    const authorized = options.apiKeys.some((k) => req.headers.authorization === `Bearer ${k}`);
    const answer = authorized
      ? route(cache, req, path)
      : Promise.resolve([401, { error: { code: 'E_UNAUTHORIZED', message: 'no' } }]);
    answer
      .then(([status, body]) => res.writeHead(status as number).end(JSON.stringify(body)))
      .catch((error: unknown) =>
        res
          .writeHead(500)
          .end(JSON.stringify({ error: { code: 'E_INTERNAL', message: String(error) } })),
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    async stop() {
      await closeServer(server);
      await cache.close();
      await source.close();
      client.disconnect();
    },
  };
}
