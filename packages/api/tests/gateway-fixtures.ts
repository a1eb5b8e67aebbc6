// A source database with a conforming table, namespaces over it in a real Redis Cluster, and API keys.
import { startTestDatabase, type TestDatabase } from '@cachefleet/testing';
import pg from 'pg';
import { closeClusterConnections } from '../src/namespaces/cluster-connections.js';
import { closeGatewayCaches } from '../src/namespaces/gateway-registry.js';
import type { Caller, Harness } from './harness.js';
import { startClusterFixture, type ClusterFixture } from './namespace-fixtures.js';

export interface DataFixture {
  fleet: ClusterFixture;
  sourceDb: TestDatabase;
  sourceId: string;
  /** A pg pool on the source database, for checking rows. */
  pool: pg.Pool;
  /** Read-write on `items` and `notes`; read-only on `items`. */
  rw: Caller;
  ro: Caller;
  rwKey: { id: string; secret: string };
  stop(): Promise<void>;
}

/**
 * `items`: write-through over table `items`. `notes`: cache-aside, keys ≤ 16 bytes, values ≤ 100
 * bytes, tags on. Keys: read-write on both, read-only on items.
 */
export async function startDataFixture(
  h: Harness,
  kind: TestDatabase['kind'],
): Promise<DataFixture> {
  const sourceDb = await startTestDatabase(kind);
  const fleet = await startClusterFixture(h, `data-${kind}`);
  const source = await h.as.operator.dataSources.create({
    name: 'app',
    connectionString: sourceDb.url,
  });
  await h.as.operator.dataSources.createTable({ id: source.id, table: 'items' });
  const clusterId = fleet.clusterId;
  await h.as.operator.namespaces.create({
    name: 'items',
    clusterId,
    dataSourceId: source.id,
    source: { table: 'items' },
    policy: { ttlSeconds: 120 },
  });
  await h.as.operator.namespaces.create({
    name: 'notes',
    clusterId,
    policy: { writeMode: 'cache-aside', maxKeyBytes: 16, maxValueBytes: 100, tagsEnabled: true },
  });
  const rwKey = await h.as.admin.apiKeys.create({
    name: 'rw',
    scopes: [
      { namespace: 'items', permission: 'read-write' },
      { namespace: 'notes', permission: 'read-write' },
    ],
  });
  const roKey = await h.as.admin.apiKeys.create({
    name: 'ro',
    scopes: [{ namespace: 'items', permission: 'read' }],
  });
  const pool = new pg.Pool({ connectionString: sourceDb.url, max: 2 });
  return {
    fleet,
    sourceDb,
    sourceId: source.id,
    pool,
    rw: await h.caller({ bearerToken: rwKey.secret }),
    ro: await h.caller({ bearerToken: roKey.secret }),
    rwKey: { id: rwKey.id, secret: rwKey.secret },
    async stop() {
      await closeGatewayCaches();
      closeClusterConnections();
      await pool.end();
      await fleet.stop();
      await sourceDb.stop();
    },
  };
}
