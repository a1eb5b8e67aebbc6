import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, listDataSources, listNamespaces } from '@cachefleet/db';
import { databaseKinds, startTestDatabase, type TestDatabase } from '@cachefleet/testing';
import pg from 'pg';
import { startHarness, type Harness } from '../../tests/harness.js';
import { startClusterFixture, type ClusterFixture } from '../../tests/namespace-fixtures.js';
import { closeClusterConnections } from '../namespaces/cluster-connections.js';

const appCodeOf = (call: Promise<unknown>) =>
  call.then(
    () => 'OK',
    (e: unknown) => (e as { cause?: { appCode?: string } }).cause?.appCode ?? String(e),
  );

describe.each(databaseKinds())('data sources and namespaces on %s', (kind) => {
  let h: Harness;
  let sourceDb: TestDatabase;
  let fleet: ClusterFixture;
  let sourceId: string;

  beforeAll(async () => {
    [h, sourceDb] = await Promise.all([startHarness(kind), startTestDatabase(kind)]);
    fleet = await startClusterFixture(h, `ns-${kind}`);
  }, 180_000);
  afterAll(async () => {
    closeClusterConnections();
    await fleet.stop();
    await sourceDb.stop();
    await h.stop();
  });

  it('stores a source sealed, lists it redacted and tests the connection', async () => {
    const created = await h.as.operator.dataSources.create({
      name: 'app',
      connectionString: sourceDb.url,
    });
    sourceId = created.id;
    const url = new URL(sourceDb.url);
    expect(created.redacted).toBe(`${url.username}@${url.hostname}:${url.port}${url.pathname}`);
    const listed = JSON.stringify(await h.as.viewer.dataSources.list());
    expect(listed).not.toContain('connectionSealed');
    expect(await h.as.operator.dataSources.testConnection({ id: sourceId })).toMatchObject({
      ok: true,
    });
  });

  it('reports a failed connection without the password', async () => {
    const bad = await h.as.operator.dataSources.create({
      name: 'bad',
      connectionString: 'postgres://app:Sup3rSecret@127.0.0.1:1/app',
    });
    const result = await h.as.operator.dataSources.testConnection({ id: bad.id });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('Sup3rSecret');
    await h.as.operator.dataSources.delete({ id: bad.id });
  });

  it('creates a conforming table, once', async () => {
    const mapping = await h.as.operator.dataSources.createTable({
      id: sourceId,
      table: 'users_cache',
    });
    expect(mapping).toMatchObject({
      keyColumn: 'key',
      valueColumn: 'value',
      versionColumn: 'version',
    });
    const client = new pg.Client({ connectionString: sourceDb.url });
    await client.connect();
    const { rows } = await client.query<{ column_name: string; data_type: string }>(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'users_cache' ORDER BY ordinal_position",
    );
    await client.query('CREATE TABLE odd_cache (key text PRIMARY KEY, value text, version bigint)');
    await client.end();
    expect(rows.map((r) => `${r.column_name}:${r.data_type}`)).toEqual([
      'key:text',
      'value:jsonb',
      'version:bigint',
      'updated_at:timestamp with time zone',
    ]);
    expect(
      await appCodeOf(
        h.as.operator.dataSources.createTable({ id: sourceId, table: 'users_cache' }),
      ),
    ).toBe('E_TABLE_EXISTS');
  });

  it('creates a namespace over a checked table, and refuses bad mappings without storing anything', async () => {
    const base = { clusterId: fleet.clusterId, dataSourceId: sourceId };
    const before = (await listNamespaces(h.client.db)).length;
    expect(
      await appCodeOf(
        h.as.operator.namespaces.create({ ...base, name: 'm1', source: { table: 'nope' } }),
      ),
    ).toBe('E_SOURCE_TABLE_MISSING');
    expect(
      await appCodeOf(
        h.as.operator.namespaces.create({ ...base, name: 'm2', source: { table: 'odd_cache' } }),
      ),
    ).toBe('E_SOURCE_COLUMNS');
    expect(
      await appCodeOf(
        h.as.operator.namespaces.create({
          ...base,
          name: 'm3',
          source: { table: 'users_cache', versionColumn: 'updated' },
        }),
      ),
    ).toBe('E_SOURCE_COLUMNS');
    expect(
      await appCodeOf(h.as.operator.namespaces.create({ name: 'm4', clusterId: fleet.clusterId })),
    ).toBe('E_SOURCE_REQUIRED');
    expect((await listNamespaces(h.client.db)).length).toBe(before);
    const created = await h.as.operator.namespaces.create({
      ...base,
      name: 'users',
      source: { table: 'users_cache' },
      policy: { ttlSeconds: 120, softTtlSeconds: 60 },
    });
    expect(created).toMatchObject({
      name: 'users',
      revision: 1,
      policy: { ttlSeconds: 120, writeMode: 'write-through' },
    });
    const got = await h.as.viewer.namespaces.get({ name: 'users' });
    expect(got.dataSource?.name).toBe('app');
  });

  it('bumps the revision on update, audits it, and keeps a used source', async () => {
    const updated = await h.as.operator.namespaces.update({
      name: 'users',
      dataSourceId: sourceId,
      source: { table: 'users_cache' },
      policy: { ttlSeconds: 300, writeMode: 'write-behind' },
    });
    expect(updated.revision).toBe(2);
    const actions = (await listAudit(h.client.db, { limit: 100 })).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['namespace.create', 'namespace.update', 'data_source.create']),
    );
    expect(await appCodeOf(h.as.operator.dataSources.delete({ id: sourceId }))).toBe(
      'E_SOURCE_IN_USE',
    );
    expect((await listDataSources(h.client.db)).length).toBe(1);
  });

  it('deletes a namespace and flushes only its keys from every primary', async () => {
    await h.as.operator.namespaces.create({
      name: 'other',
      clusterId: fleet.clusterId,
      policy: { writeMode: 'cache-aside' },
    });
    const keys = Array.from({ length: 600 }, (_, i) => `cf:users:g0:{k${i}}`);
    for (const key of keys) await fleet.client.set(key, 'x', 'EX', 600);
    await fleet.client.set('cf:other:g0:{k1}', 'keep', 'EX', 600);
    const result = await h.as.operator.namespaces.delete({ name: 'users' });
    expect(result.flush).toEqual({ ok: true, removedKeys: 600 });
    expect(await fleet.client.exists(keys[0] ?? '')).toBe(0);
    expect(await fleet.client.exists(keys[599] ?? '')).toBe(0);
    expect(await fleet.client.get('cf:other:g0:{k1}')).toBe('keep');
    expect(await appCodeOf(h.as.viewer.namespaces.get({ name: 'users' }))).toBe(
      'E_UNKNOWN_NAMESPACE',
    );
  });
});
