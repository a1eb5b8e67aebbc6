import { quoteIdent } from '@cachefleet/cache-core/postgres';
import type { Namespace } from '@cachefleet/db';
import type { Context } from '../context.js';
import { openDataSource } from '../routers/data-sources.js';
import { sourceErrorMessage, withSourceClient } from './source-client.js';

/** Whether the namespace's source table has a row for the key; null without a source or on error. */
export async function sourceRowExists(
  ctx: Context,
  namespace: Namespace,
  key: string,
): Promise<{ inSource: boolean | null; sourceError: string | null }> {
  const mapping = namespace.source;
  if (!namespace.dataSourceId || !mapping) return { inSource: null, sourceError: null };
  const { connectionString } = await openDataSource(ctx, namespace.dataSourceId);
  try {
    const found = await withSourceClient(connectionString, async (client) => {
      const sql = `SELECT 1 FROM ${quoteIdent(mapping.table)} WHERE ${quoteIdent(mapping.keyColumn)} = $1 LIMIT 1`;
      return (await client.query(sql, [key])).rowCount === 1;
    });
    return { inSource: found, sourceError: null };
  } catch (error) {
    return { inSource: null, sourceError: sourceErrorMessage(error, connectionString) };
  }
}
