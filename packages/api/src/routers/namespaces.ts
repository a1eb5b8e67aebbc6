import {
  deleteNamespace,
  findClusterAccess,
  findDataSource,
  findNamespaceByName,
  insertNamespace,
  listNamespaces,
  updateNamespace,
} from '@cachefleet/db';
import { z } from 'zod';
import { audit } from '../audit.js';
import { appError } from '../errors.js';
import { clusterClient } from '../namespaces/cluster-connections.js';
import { flushNamespaceKeys } from '../namespaces/flush.js';
import {
  checkNamespaceSettings,
  createNamespaceInput,
  requireNamespace,
  updateNamespaceInput,
} from '../namespaces/namespace-settings.js';
import { namespaceName } from '../namespaces/policy.js';
import { requireSealer } from '../security/require-sealer.js';
import { createTRPCRouter, operatorProcedure, viewerProcedure } from '../trpc.js';

const byName = z.object({ name: namespaceName });

/** Namespaces and their policies; every change bumps the revision agents and the gateway follow. */
export const namespacesRouter = createTRPCRouter({
  list: viewerProcedure.query(({ ctx }) => listNamespaces(ctx.db)),

  get: viewerProcedure.input(byName).query(async ({ ctx, input }) => {
    const ns = await requireNamespace(ctx, input.name);
    const source = ns.dataSourceId ? await findDataSource(ctx.db, ns.dataSourceId) : undefined;
    const dataSource = source
      ? { id: source.id, name: source.name, redacted: source.redacted }
      : null;
    return { ...ns, dataSource };
  }),

  create: operatorProcedure.input(createNamespaceInput).mutation(async ({ ctx, input }) => {
    if (await findNamespaceByName(ctx.db, input.name)) {
      throw appError('CONFLICT', 'E_NAMESPACE_EXISTS', `namespace ${input.name} exists`);
    }
    if (!(await findClusterAccess(ctx.db, input.clusterId))) {
      throw appError('NOT_FOUND', 'E_UNKNOWN_CLUSTER', 'no such cluster');
    }
    await checkNamespaceSettings(ctx, input);
    const created = await insertNamespace(ctx.db, input);
    await audit(ctx, {
      action: 'namespace.create',
      targetType: 'namespace',
      targetId: created.id,
      details: { name: created.name, policy: created.policy, source: created.source },
    });
    return created;
  }),

  update: operatorProcedure.input(updateNamespaceInput).mutation(async ({ ctx, input }) => {
    const before = await requireNamespace(ctx, input.name);
    await checkNamespaceSettings(ctx, input);
    const { name, ...settings } = input;
    const updated = await updateNamespace(ctx.db, name, settings);
    if (!updated) throw appError('NOT_FOUND', 'E_UNKNOWN_NAMESPACE', `no namespace ${name}`);
    await audit(ctx, {
      action: 'namespace.update',
      targetType: 'namespace',
      targetId: updated.id,
      details: { name, revision: updated.revision, before: before.policy, after: updated.policy },
    });
    return updated;
  }),

  /**
   * Removes the namespace (agents drop it at their next poll), then its keys from every primary.
   * A cluster that cannot be reached leaves the keys to their TTL, and the answer says so.
   */
  delete: operatorProcedure.input(byName).mutation(async ({ ctx, input }) => {
    const ns = await requireNamespace(ctx, input.name);
    const sealer = requireSealer(ctx);
    await deleteNamespace(ctx.db, ns.name);
    let flush: { ok: true; removedKeys: number } | { ok: false; error: string };
    try {
      const client = await clusterClient(ctx.db, sealer, ns.clusterId);
      flush = { ok: true, removedKeys: await flushNamespaceKeys(client, ns.name) };
    } catch (error) {
      flush = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    await audit(ctx, {
      action: 'namespace.delete',
      targetType: 'namespace',
      targetId: ns.id,
      details: { name: ns.name, flush },
    });
    return { ok: true as const, flush };
  }),
});
