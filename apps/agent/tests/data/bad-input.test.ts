// Every endpoint refuses bad input with a 4xx and a coded error, and changes nothing: the Redis
// Cluster (every key on every node, by DUMP) and the PostgreSQL tables are compared before/after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiKey,
  call,
  ConfigSource,
  dataConfig,
  namespace,
  startDataService,
  startDataStack,
  type DataStack,
  type RunningDataService,
} from './harness.js';

type Endpoint = {
  method: string;
  path: (ns: string, key?: string) => string;
  body?: (key: string) => unknown;
};

const endpoints: Record<string, Endpoint> = {
  get: { method: 'GET', path: (ns, key = 'k') => `/v1/ns/${ns}/keys/${key}` },
  set: {
    method: 'PUT',
    path: (ns, key = 'k') => `/v1/ns/${ns}/keys/${key}`,
    body: () => ({ value: 1 }),
  },
  delete: { method: 'DELETE', path: (ns, key = 'k') => `/v1/ns/${ns}/keys/${key}` },
  getMany: {
    method: 'POST',
    path: (ns) => `/v1/ns/${ns}/get-many`,
    body: (key) => ({ keys: ['k', key] }),
  },
  setMany: {
    method: 'POST',
    path: (ns) => `/v1/ns/${ns}/set-many`,
    body: (key) => ({
      entries: [
        { key: 'k', value: 1 },
        { key, value: 2 },
      ],
    }),
  },
  invalidate: {
    method: 'POST',
    path: (ns) => `/v1/ns/${ns}/invalidate`,
    body: (key) => ({ keys: ['k', key] }),
  },
};
const all = Object.keys(endpoints);
const writes = ['set', 'delete', 'setMany', 'invalidate'];
const withBody = ['set', 'getMany', 'setMany', 'invalidate'];

const writer = apiKey({ users: 'read-write', queue: 'read-write' });
const reader = apiKey({ users: 'read', queue: 'read' });
const outsider = apiKey({ other: 'read-write' });
const revoked = apiKey({ users: 'read-write' });
const longKey = 'k'.repeat(65);
const big = 'x'.repeat(2000);

interface Case {
  name: string;
  endpoints: string[];
  status: number;
  code: string;
  ns?: string;
  key?: string;
  secret?: string | null;
  body?: (endpoint: string, key: string) => unknown;
}

const cases: Case[] = [
  {
    name: 'unknown namespace',
    endpoints: all,
    ns: 'nope',
    status: 404,
    code: 'E_UNKNOWN_NAMESPACE',
  },
  {
    name: 'illegal namespace (upper case)',
    endpoints: all,
    ns: 'Users',
    status: 400,
    code: 'E_INVALID_NAMESPACE',
  },
  {
    name: 'illegal namespace (dot)',
    endpoints: all,
    ns: 'us.ers',
    status: 400,
    code: 'E_INVALID_NAMESPACE',
  },
  {
    name: 'illegal namespace (encoded space)',
    endpoints: all,
    ns: 'us%20ers',
    status: 400,
    code: 'E_INVALID_NAMESPACE',
  },
  { name: 'key too long', endpoints: all, key: longKey, status: 400, code: 'E_INVALID_KEY' },
  {
    name: 'malformed percent-encoding in key',
    endpoints: ['get', 'set', 'delete'],
    key: '%E0%A4%A',
    status: 400,
    code: 'E_INVALID_KEY',
  },
  {
    name: 'value too large',
    endpoints: ['set', 'setMany'],
    status: 400,
    code: 'E_VALUE_TOO_LARGE',
    body: (e) =>
      e === 'set'
        ? { value: big }
        : {
            entries: [
              { key: 'k', value: 1 },
              { key: 'k2', value: big },
            ],
          },
  },
  {
    name: 'body too large',
    endpoints: withBody,
    status: 413,
    code: 'E_VALUE_TOO_LARGE',
    body: () => ({ value: 'y'.repeat(1200 * 1024) }),
  },
  {
    name: 'malformed JSON',
    endpoints: withBody,
    status: 400,
    code: 'E_BAD_JSON',
    body: () => '{"value": ',
  },
  {
    name: 'wrong shape',
    endpoints: withBody,
    status: 400,
    code: 'E_BAD_REQUEST',
    body: () => ({ nope: true }),
  },
  { name: 'no API key', endpoints: all, secret: null, status: 401, code: 'E_UNAUTHORIZED' },
  {
    name: 'wrong API key',
    endpoints: all,
    secret: `cfk_${'A'.repeat(32)}`,
    status: 401,
    code: 'E_UNAUTHORIZED',
  },
  {
    name: 'revoked API key',
    endpoints: all,
    secret: revoked.secret,
    status: 401,
    code: 'E_UNAUTHORIZED',
  },
  {
    name: 'namespace out of scope',
    endpoints: all,
    secret: outsider.secret,
    status: 403,
    code: 'E_FORBIDDEN',
  },
  {
    name: 'read-only key writing',
    endpoints: writes,
    secret: reader.secret,
    status: 403,
    code: 'E_FORBIDDEN',
  },
  {
    name: 'read-only key writing (write-behind)',
    endpoints: writes,
    ns: 'queue',
    secret: reader.secret,
    status: 403,
    code: 'E_FORBIDDEN',
  },
  {
    name: 'value too large (write-behind)',
    endpoints: ['set', 'setMany'],
    ns: 'queue',
    status: 400,
    code: 'E_VALUE_TOO_LARGE',
    body: (e) =>
      e === 'set'
        ? { value: big }
        : {
            entries: [
              { key: 'k', value: 1 },
              { key: 'k2', value: big },
            ],
          },
  },
];

const rows = cases.flatMap((c) => c.endpoints.map((e) => [`${c.name} → ${e}`, c, e] as const));

describe('data API bad input', () => {
  let stack: DataStack;
  let agent: RunningDataService;
  let source: ConfigSource;

  async function snapshot(): Promise<string> {
    const parts: string[] = [];
    for (let i = 0; i < stack.cluster.nodes.length; i++) {
      const node = stack.node(i);
      const keys = (await node.keys('*')).sort();
      for (const key of keys) parts.push(`${key}=${(await node.dumpBuffer(key)).toString('hex')}`);
    }
    for (const table of ['ns_users', 'ns_queue']) {
      const { rows: r } = await stack.pool.query(
        `SELECT key, value, version FROM ${table} ORDER BY key`,
      );
      parts.push(JSON.stringify(r));
    }
    return parts.join('\n');
  }

  beforeAll(async () => {
    stack = await startDataStack();
    for (const t of ['users', 'queue']) {
      await stack.pool.query(`CREATE SEQUENCE ns_${t}_cf_version_seq`);
      await stack.pool.query(
        `CREATE TABLE ns_${t} (key text PRIMARY KEY, value jsonb NOT NULL, version bigint NOT NULL)`,
      );
    }
    const namespaces = [
      namespace('users', stack.db),
      namespace('queue', stack.db, { writeMode: 'write-behind' }),
      namespace('other', stack.db, { writeMode: 'cache-aside', source: null }),
    ];
    source = new ConfigSource(
      dataConfig(stack.cluster, namespaces, [writer, reader, outsider, revoked]),
    );
    agent = await startDataService(source);
    // Data in every tier, so "nothing changed" has something to lose; then revoke one key.
    for (const ns of ['users', 'queue']) {
      const seeded = await call(agent.url, 'POST', `/v1/ns/${ns}/set-many`, {
        secret: writer.secret,
        body: {
          entries: [
            { key: 'k', value: 'seed' },
            { key: 'k2', value: 'seed' },
          ],
        },
      });
      expect(seeded.status).toBe(200);
    }
    source.set(dataConfig(stack.cluster, namespaces, [writer, reader, outsider]));
    await agent.service.poll();
    // Let the write-behind seed reach PostgreSQL so the drainer is idle during the cases.
    for (;;) {
      const { rowCount } = await stack.pool.query('SELECT 1 FROM ns_queue');
      if (rowCount === 2) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(async () => {
    await agent.stop();
    await stack.stop();
  });

  it.each(rows)('%s', async (_name, c, endpointName) => {
    const endpoint = endpoints[endpointName];
    if (endpoint === undefined) throw new Error(endpointName);
    const key = c.key ?? 'k';
    const keyInPath = ['get', 'set', 'delete'].includes(endpointName) ? key : undefined;
    const body = c.body ? c.body(endpointName, key) : endpoint.body?.(key);
    const before = await snapshot();
    const reply = await call(
      agent.url,
      endpoint.method,
      endpoint.path(c.ns ?? 'users', keyInPath),
      {
        secret: c.secret === null ? undefined : (c.secret ?? writer.secret),
        body,
      },
    );
    expect({ status: reply.status, code: reply.body.error?.code }).toEqual({
      status: c.status,
      code: c.code,
    });
    expect(typeof reply.body.error?.message).toBe('string');
    expect(await snapshot()).toBe(before);
  });
});
