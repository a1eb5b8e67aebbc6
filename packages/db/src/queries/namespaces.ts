import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { clusters, dataSources, namespaces } from '../schema/index.js';

export type Namespace = typeof namespaces.$inferSelect;
export type NewNamespace = typeof namespaces.$inferInsert;

/** A namespace with the names of its cluster and data source, for listing. */
export type NamespaceListing = Namespace & { clusterName: string; dataSourceName: string | null };

export async function insertNamespace(db: Database, values: NewNamespace): Promise<Namespace> {
  const [row] = await db.insert(namespaces).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function listNamespaces(db: Database): Promise<NamespaceListing[]> {
  const rows = await db
    .select({ ns: namespaces, clusterName: clusters.name, dataSourceName: dataSources.name })
    .from(namespaces)
    .innerJoin(clusters, eq(clusters.id, namespaces.clusterId))
    .leftJoin(dataSources, eq(dataSources.id, namespaces.dataSourceId))
    .orderBy(asc(namespaces.name));
  return rows.map(({ ns, clusterName, dataSourceName }) => ({
    ...ns,
    clusterName,
    dataSourceName,
  }));
}

export async function findNamespaceByName(
  db: Database,
  name: string,
): Promise<Namespace | undefined> {
  const [row] = await db.select().from(namespaces).where(eq(namespaces.name, name)).limit(1);
  return row;
}

export async function listClusterNamespaces(db: Database, clusterId: string): Promise<Namespace[]> {
  return db
    .select()
    .from(namespaces)
    .where(eq(namespaces.clusterId, clusterId))
    .orderBy(asc(namespaces.name));
}

/** Replaces a namespace's settings and bumps its revision; undefined when it is gone. */
export async function updateNamespace(
  db: Database,
  name: string,
  values: Pick<NewNamespace, 'dataSourceId' | 'source' | 'policy'>,
): Promise<Namespace | undefined> {
  const [row] = await db
    .update(namespaces)
    .set({ ...values, revision: sql`${namespaces.revision} + 1`, updatedAt: new Date() })
    .where(eq(namespaces.name, name))
    .returning();
  return row;
}

export async function deleteNamespace(db: Database, name: string): Promise<boolean> {
  const rows = await db
    .delete(namespaces)
    .where(eq(namespaces.name, name))
    .returning({ id: namespaces.id });
  return rows.length > 0;
}
