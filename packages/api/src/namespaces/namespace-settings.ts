import type { NamespacePolicy, NamespaceSourceMapping } from '@cachefleet/db';
import { findNamespaceByName, type Namespace } from '@cachefleet/db';
import { z } from 'zod';
import { ensureVersionSequence } from '@cachefleet/cache-core/postgres';
import type { Context } from '../context.js';
import { appError } from '../errors.js';
import { openDataSource } from '../routers/data-sources.js';
import { namespaceName, namespacePolicy, sourceMapping } from './policy.js';
import { onSource } from './source-client.js';
import { checkSourceColumns } from './source-table.js';

export const namespaceSettings = z.object({
  dataSourceId: z.uuid().nullable().default(null),
  source: sourceMapping.nullable().default(null),
  policy: namespacePolicy.default(namespacePolicy.parse({})),
});

export const createNamespaceInput = namespaceSettings.extend({
  name: namespaceName,
  clusterId: z.uuid(),
});
export const updateNamespaceInput = namespaceSettings.extend({ name: namespaceName });

export interface NamespaceSettings {
  dataSourceId: string | null;
  source: NamespaceSourceMapping | null;
  policy: NamespacePolicy;
}

/**
 * Refuses settings that cannot work before anything is stored: a source without a mapping (or the
 * reverse), a write mode that needs a source without one, an unknown source, or a table whose
 * columns are missing or of the wrong type.
 */
export async function checkNamespaceSettings(
  ctx: Context,
  settings: NamespaceSettings,
): Promise<void> {
  const { dataSourceId, source, policy } = settings;
  if ((dataSourceId === null) !== (source === null)) {
    throw appError(
      'BAD_REQUEST',
      'E_BAD_REQUEST',
      'a data source and its table mapping go together',
    );
  }
  if (dataSourceId === null || source === null) {
    if (policy.writeMode !== 'cache-aside') {
      throw appError('BAD_REQUEST', 'E_SOURCE_REQUIRED', `${policy.writeMode} needs a data source`);
    }
    return;
  }
  const { connectionString } = await openDataSource(ctx, dataSourceId);
  await onSource(connectionString, async (client) => {
    await checkSourceColumns(client, source);
    // The engine draws versions from `<table>_cf_version_seq`; an existing table gets one here,
    // past its highest version (idempotent, never moves it backwards).
    await ensureVersionSequence(client, source);
  });
}

/** The namespace, or E_UNKNOWN_NAMESPACE. */
export async function requireNamespace(ctx: Pick<Context, 'db'>, name: string): Promise<Namespace> {
  const found = await findNamespaceByName(ctx.db, name);
  if (!found) throw appError('NOT_FOUND', 'E_UNKNOWN_NAMESPACE', `no namespace ${name}`);
  return found;
}
