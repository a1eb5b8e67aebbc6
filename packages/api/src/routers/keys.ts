import { z } from 'zod';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { cacheCall } from '../namespaces/cache-errors.js';
import { clusterClient } from '../namespaces/cluster-connections.js';
import { checkKey, looseKey } from '../namespaces/data-access.js';
import { invalidate, invalidateInput } from '../namespaces/invalidate.js';
import { gatewayCache } from '../namespaces/gateway-registry.js';
import { inspectKey } from '../namespaces/key-inspect.js';
import { scanKeys } from '../namespaces/key-scan.js';
import { requireNamespace } from '../namespaces/namespace-settings.js';
import { namespaceName } from '../namespaces/policy.js';
import { sourceRowExists } from '../namespaces/source-row.js';
import { requireSealer } from '../security/require-sealer.js';
import { createTRPCRouter, operatorProcedure, viewerProcedure } from '../trpc.js';

const keyInput = z.object({ namespace: namespaceName, key: looseKey });

async function namespaceClient(ctx: Context, name: string) {
  const namespace = await requireNamespace(ctx, name);
  return {
    namespace,
    client: await clusterClient(ctx.db, requireSealer(ctx), namespace.clusterId),
  };
}

/** The console's key browser: scan, inspect, delete, invalidate (viewers read, operators change). */
export const keysRouter = createTRPCRouter({
  scan: viewerProcedure
    .input(
      z.object({
        namespace: namespaceName,
        pattern: z.string().min(1).max(256).default('*'),
        cursor: z.string().max(1024).nullable().default(null),
        count: z.number().int().min(1).max(500).default(100),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { client } = await namespaceClient(ctx, input.namespace);
      return scanKeys(client, input.namespace, input);
    }),

  get: viewerProcedure.input(keyInput).query(async ({ ctx, input }) => {
    const { namespace, client } = await namespaceClient(ctx, input.namespace);
    checkKey(namespace.policy, input.key);
    const [details, source] = await Promise.all([
      inspectKey(client, input.namespace, input.key),
      sourceRowExists(ctx, namespace, input.key),
    ]);
    return { ...details, ...source };
  }),

  /** Deletes like a service would: from the source (per write mode), L2 with a tombstone, and L1s. */
  delete: operatorProcedure.input(keyInput).mutation(async ({ ctx, input }) => {
    const gw = await gatewayCache(ctx, input.namespace);
    checkKey(gw.namespace.policy, input.key);
    await cacheCall(() => gw.cache.delete(input.key));
    await audit(ctx, {
      action: 'key.delete',
      targetType: 'namespace',
      targetId: gw.namespace.id,
      details: { key: input.key.slice(0, 200) },
    });
    return { ok: true as const };
  }),

  /** Drops cached copies only (L2 and every L1 through the bus); the source keeps its rows. */
  invalidate: operatorProcedure
    .input(invalidateInput(namespaceName))
    .mutation(async ({ ctx, input }) => {
      const gw = await gatewayCache(ctx, input.namespace);
      await invalidate(gw, input);
      const details = 'tag' in input ? { tag: input.tag } : { keys: input.keys.length };
      await audit(ctx, {
        action: 'key.invalidate',
        targetType: 'namespace',
        targetId: gw.namespace.id,
        details,
      });
      return { ok: true as const };
    }),
});
