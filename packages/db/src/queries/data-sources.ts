import { asc, count, eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import { dataSources, namespaces } from '../schema/index.js';

export type DataSource = typeof dataSources.$inferSelect;
/** What the console may list: everything but the sealed connection string. */
export type DataSourceInfo = Omit<DataSource, 'connectionSealed'>;

function info({ connectionSealed: _sealed, ...rest }: DataSource): DataSourceInfo {
  return rest;
}

export async function insertDataSource(
  db: Database,
  values: typeof dataSources.$inferInsert,
): Promise<DataSourceInfo> {
  const [row] = await db.insert(dataSources).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return info(row);
}

export async function listDataSources(db: Database): Promise<DataSourceInfo[]> {
  const rows = await db.select().from(dataSources).orderBy(asc(dataSources.name));
  return rows.map(info);
}

export async function findDataSource(db: Database, id: string): Promise<DataSource | undefined> {
  const [row] = await db.select().from(dataSources).where(eq(dataSources.id, id)).limit(1);
  return row;
}

export async function findDataSourceByName(
  db: Database,
  name: string,
): Promise<DataSource | undefined> {
  const [row] = await db.select().from(dataSources).where(eq(dataSources.name, name)).limit(1);
  return row;
}

export async function countNamespacesUsingSource(db: Database, id: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(namespaces)
    .where(eq(namespaces.dataSourceId, id));
  return row?.n ?? 0;
}

export async function deleteDataSource(db: Database, id: string): Promise<boolean> {
  const rows = await db
    .delete(dataSources)
    .where(eq(dataSources.id, id))
    .returning({ id: dataSources.id });
  return rows.length > 0;
}
