import {
  countNamespacesUsingSource,
  deleteDataSource,
  findDataSource,
  findDataSourceByName,
  insertDataSource,
  listDataSources,
  type DataSource,
} from '@cachefleet/db';
import { z } from 'zod';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { appError } from '../errors.js';
import { connectionString, redactConnectionString } from '../namespaces/connection-string.js';
import { sqlIdentifier } from '../namespaces/policy.js';
import { onSource, sourceErrorMessage, withSourceClient } from '../namespaces/source-client.js';
import { createSourceTable } from '../namespaces/source-table.js';
import { requireSealer } from '../security/require-sealer.js';
import { createTRPCRouter, operatorProcedure, viewerProcedure } from '../trpc.js';

const byId = z.object({ id: z.uuid() });

/** The source and its opened connection string, or E_UNKNOWN_SOURCE. */
export async function openDataSource(
  ctx: Context,
  id: string,
): Promise<{ source: DataSource; connectionString: string }> {
  const sealer = requireSealer(ctx);
  const source = await findDataSource(ctx.db, id);
  if (!source) throw appError('NOT_FOUND', 'E_UNKNOWN_SOURCE', 'no such data source');
  return { source, connectionString: sealer.open(source.connectionSealed) };
}

/** PostgreSQL databases namespaces read through; connection strings are sealed, shown redacted. */
export const dataSourcesRouter = createTRPCRouter({
  list: viewerProcedure.query(({ ctx }) => listDataSources(ctx.db)),

  create: operatorProcedure
    .input(z.object({ name: z.string().trim().min(1).max(100), connectionString }))
    .mutation(async ({ ctx, input }) => {
      const sealer = requireSealer(ctx);
      if (await findDataSourceByName(ctx.db, input.name)) {
        throw appError('CONFLICT', 'E_SOURCE_EXISTS', `a data source named ${input.name} exists`);
      }
      const created = await insertDataSource(ctx.db, {
        name: input.name,
        connectionSealed: sealer.seal(input.connectionString),
        redacted: redactConnectionString(input.connectionString),
      });
      const { id, name, redacted } = created;
      await audit(ctx, {
        action: 'data_source.create',
        targetType: 'data_source',
        targetId: id,
        details: { name, redacted },
      });
      return created;
    }),

  delete: operatorProcedure.input(byId).mutation(async ({ ctx, input }) => {
    const users = await countNamespacesUsingSource(ctx.db, input.id);
    if (users > 0) {
      throw appError('CONFLICT', 'E_SOURCE_IN_USE', `${users} namespace(s) still use this source`);
    }
    if (!(await deleteDataSource(ctx.db, input.id))) {
      throw appError('NOT_FOUND', 'E_UNKNOWN_SOURCE', 'no such data source');
    }
    await audit(ctx, {
      action: 'data_source.delete',
      targetType: 'data_source',
      targetId: input.id,
    });
    return { ok: true as const };
  }),

  /** Connects (5 s limit) and runs SELECT 1; a failure is PostgreSQL's message, password scrubbed. */
  testConnection: operatorProcedure.input(byId).mutation(async ({ ctx, input }) => {
    const { connectionString: url } = await openDataSource(ctx, input.id);
    const started = performance.now();
    try {
      const version = await withSourceClient(url, async (client) => {
        const result = await client.query<{ v: string }>('SELECT version() AS v');
        return result.rows[0]?.v ?? '';
      });
      return {
        ok: true as const,
        serverVersion: version,
        latencyMs: Math.round(performance.now() - started),
      };
    } catch (error) {
      return { ok: false as const, error: sourceErrorMessage(error, url) };
    }
  }),

  /** Creates a conforming table (key text PK, value jsonb|bytea, version bigint, updated_at). */
  createTable: operatorProcedure
    .input(
      z.object({
        id: z.uuid(),
        table: sqlIdentifier,
        valueType: z.enum(['jsonb', 'bytea']).default('jsonb'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { connectionString: url } = await openDataSource(ctx, input.id);
      await onSource(url, (client) => createSourceTable(client, input.table, input.valueType));
      await audit(ctx, {
        action: 'data_source.create_table',
        targetType: 'data_source',
        targetId: input.id,
        details: { table: input.table, valueType: input.valueType },
      });
      return {
        table: input.table,
        keyColumn: 'key',
        valueColumn: 'value',
        versionColumn: 'version',
        valueType: input.valueType,
      };
    }),
});
