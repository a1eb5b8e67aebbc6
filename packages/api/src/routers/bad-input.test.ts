// The bad-input table: every case is refused with its code, and nothing changes anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listActiveApiKeys, listDataSources, listNamespaces } from '@cachefleet/db';
import { databaseKinds } from '@cachefleet/testing';
import type { Redis } from 'ioredis';
import { startDataFixture, type DataFixture } from '../../tests/gateway-fixtures.js';
import { startHarness, type Caller, type Harness } from '../../tests/harness.js';
import { createCluster } from '../../tests/namespace-fixtures.js';

const unknownId = '00000000-0000-4000-8000-000000000000';

async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'OK';
  } catch (error) {
    const e = error as { code?: string; cause?: { appCode?: string } };
    return e.cause?.appCode ?? e.code ?? String(error);
  }
}

async function redisKeyCount(nodes: Redis[]): Promise<number> {
  const sizes = await Promise.all(nodes.map((n) => n.dbsize()));
  return sizes.reduce((a, b) => a + b, 0);
}

describe.each(databaseKinds())('bad input on %s', (kind) => {
  let h: Harness;
  let d: DataFixture;
  let ghost: Caller;
  let revoked: Caller;
  let wrong: Caller;
  let idle: Caller;

  beforeAll(async () => {
    h = await startHarness(kind);
    d = await startDataFixture(h, kind);
    // A key scoped to a namespace that is then deleted: in scope, but unknown.
    await h.as.operator.namespaces.create({
      name: 'ghost',
      clusterId: d.fleet.clusterId,
      policy: { writeMode: 'cache-aside' },
    });
    const ghostKey = await h.as.admin.apiKeys.create({
      name: 'ghost',
      scopes: [{ namespace: 'ghost', permission: 'read-write' }],
    });
    await h.as.operator.namespaces.delete({ name: 'ghost' });
    ghost = await h.caller({ bearerToken: ghostKey.secret });
    const old = await h.as.admin.apiKeys.create({
      name: 'old',
      scopes: [{ namespace: 'notes', permission: 'read-write' }],
    });
    await h.as.admin.apiKeys.revoke({ id: old.id });
    revoked = await h.caller({ bearerToken: old.secret });
    wrong = await h.caller({ bearerToken: 'cfk_not-a-real-key' });
    // A namespace on a cluster that has no nodes yet.
    const emptyCluster = await createCluster(h, `empty-${kind}`, []);
    await h.as.operator.namespaces.create({
      name: 'idle',
      clusterId: emptyCluster,
      policy: { writeMode: 'cache-aside' },
    });
    const idleKey = await h.as.admin.apiKeys.create({
      name: 'idle',
      scopes: [{ namespace: 'idle', permission: 'read-write' }],
    });
    idle = await h.caller({ bearerToken: idleKey.secret });
  }, 180_000);
  afterAll(async () => {
    await d.stop();
    await h.stop();
  });

  const snapshot = async () => ({
    namespaces: (await listNamespaces(h.client.db)).map((n) => `${n.name}@${n.revision}`),
    sources: (await listDataSources(h.client.db)).length,
    keys: (await listActiveApiKeys(h.client.db)).length,
    redisKeys: await redisKeyCount(d.fleet.client.nodes('master')),
    rows: (await d.pool.query<{ n: string }>('SELECT count(*) AS n FROM items')).rows[0]?.n,
  });

  const cases: [string, string, () => Promise<unknown>][] = [
    [
      'gateway: unknown namespace',
      'E_UNKNOWN_NAMESPACE',
      () => ghost.cache.set({ namespace: 'ghost', key: 'k', value: 1 }),
    ],
    [
      'gateway: key too long',
      'E_INVALID_KEY',
      () => d.rw.cache.set({ namespace: 'notes', key: 'k'.repeat(17), value: 1 }),
    ],
    ['gateway: empty key', 'E_INVALID_KEY', () => d.rw.cache.get({ namespace: 'notes', key: '' })],
    [
      'gateway: value too large',
      'E_VALUE_TOO_LARGE',
      () => d.rw.cache.set({ namespace: 'notes', key: 'k', value: 'v'.repeat(200) }),
    ],
    [
      'gateway: illegal namespace name',
      'E_INVALID_NAMESPACE',
      () => d.rw.cache.set({ namespace: 'Bad Name!', key: 'k', value: 1 }),
    ],
    [
      'gateway: wrong API key',
      'E_UNAUTHORIZED',
      () => wrong.cache.set({ namespace: 'notes', key: 'k', value: 1 }),
    ],
    [
      'gateway: revoked API key',
      'E_UNAUTHORIZED',
      () => revoked.cache.set({ namespace: 'notes', key: 'k', value: 1 }),
    ],
    [
      'gateway: read-only key writing',
      'E_FORBIDDEN',
      () => d.ro.cache.set({ namespace: 'items', key: 'k', value: 1 }),
    ],
    [
      'gateway: read-only key deleting',
      'E_FORBIDDEN',
      () => d.ro.cache.delete({ namespace: 'items', key: 'k' }),
    ],
    [
      'gateway: namespace not in scope',
      'E_FORBIDDEN',
      () => d.ro.cache.get({ namespace: 'notes', key: 'k' }),
    ],
    [
      'gateway: too many keys',
      'BAD_REQUEST',
      () =>
        d.rw.cache.getMany({
          namespace: 'notes',
          keys: Array.from({ length: 1001 }, (_, i) => `k${i}`),
        }),
    ],
    [
      'gateway: cluster not ready',
      'E_NOT_READY',
      () => idle.cache.set({ namespace: 'idle', key: 'k', value: 1 }),
    ],
    [
      'namespaces: unknown source',
      'E_UNKNOWN_SOURCE',
      () =>
        h.as.operator.namespaces.create({
          name: 'n1',
          clusterId: d.fleet.clusterId,
          dataSourceId: unknownId,
          source: { table: 'items' },
        }),
    ],
    [
      'namespaces: unknown cluster',
      'E_UNKNOWN_CLUSTER',
      () =>
        h.as.operator.namespaces.create({
          name: 'n2',
          clusterId: unknownId,
          policy: { writeMode: 'cache-aside' },
        }),
    ],
    [
      'namespaces: duplicate name',
      'E_NAMESPACE_EXISTS',
      () =>
        h.as.operator.namespaces.create({
          name: 'notes',
          clusterId: d.fleet.clusterId,
          policy: { writeMode: 'cache-aside' },
        }),
    ],
    [
      'namespaces: illegal name',
      'BAD_REQUEST',
      () =>
        h.as.operator.namespaces.create({
          name: 'Bad.Name',
          clusterId: d.fleet.clusterId,
          policy: { writeMode: 'cache-aside' },
        }),
    ],
    [
      'namespaces: value limit over 64 MiB',
      'BAD_REQUEST',
      () =>
        h.as.operator.namespaces.update({
          name: 'notes',
          policy: { writeMode: 'cache-aside', maxValueBytes: 65 * 1024 ** 2 },
        }),
    ],
    [
      'namespaces: soft TTL above TTL',
      'BAD_REQUEST',
      () =>
        h.as.operator.namespaces.update({
          name: 'notes',
          policy: { writeMode: 'cache-aside', ttlSeconds: 10, softTtlSeconds: 20 },
        }),
    ],
    [
      'namespaces: update unknown',
      'E_UNKNOWN_NAMESPACE',
      () => h.as.operator.namespaces.update({ name: 'nope', policy: { writeMode: 'cache-aside' } }),
    ],
    [
      'dataSources: duplicate name',
      'E_SOURCE_EXISTS',
      () =>
        h.as.operator.dataSources.create({ name: 'app', connectionString: 'postgres://u:p@h/db' }),
    ],
    [
      'dataSources: not a postgres URL',
      'BAD_REQUEST',
      () => h.as.operator.dataSources.create({ name: 'x', connectionString: 'mysql://u:p@h/db' }),
    ],
    [
      'dataSources: unknown source test',
      'E_UNKNOWN_SOURCE',
      () => h.as.operator.dataSources.testConnection({ id: unknownId }),
    ],
    [
      'dataSources: illegal table name',
      'BAD_REQUEST',
      () => h.as.operator.dataSources.createTable({ id: d.sourceId, table: 'x; drop table items' }),
    ],
    [
      'apiKeys: unknown namespace in scope',
      'E_UNKNOWN_NAMESPACE',
      () =>
        h.as.admin.apiKeys.create({
          name: 'k',
          scopes: [{ namespace: 'nope', permission: 'read' }],
        }),
    ],
    [
      'apiKeys: revoke unknown',
      'E_API_KEY_NOT_FOUND',
      () => h.as.admin.apiKeys.revoke({ id: unknownId }),
    ],
    [
      'keys: unknown namespace',
      'E_UNKNOWN_NAMESPACE',
      () => h.as.viewer.keys.get({ namespace: 'nope', key: 'k' }),
    ],
    [
      'keys: key too long',
      'E_INVALID_KEY',
      () => h.as.viewer.keys.get({ namespace: 'notes', key: 'k'.repeat(17) }),
    ],
    [
      'keys: forged cursor',
      'E_BAD_CURSOR',
      () => h.as.viewer.keys.scan({ namespace: 'notes', cursor: 'garbage' }),
    ],
  ];

  it.each(cases)('%s → %s, nothing changed', async (_name, code, call) => {
    const before = await snapshot();
    expect(await codeOf(call())).toBe(code);
    expect(await snapshot()).toEqual(before);
  });
});
