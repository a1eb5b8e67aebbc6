import { z } from 'zod';
import type { Context } from '../context.js';
import { appError } from '../errors.js';
import { cacheCall } from '../namespaces/cache-errors.js';
import {
  checkKey,
  checkScope,
  checkTags,
  checkValue,
  looseKey,
  looseNamespace,
  looseTag,
} from '../namespaces/data-access.js';
import { answerOf, readEntry } from '../namespaces/gateway-read.js';
import { invalidate, invalidateInput } from '../namespaces/invalidate.js';
import { gatewayCache, type GatewayCache } from '../namespaces/gateway-registry.js';
import { apiKeyProcedure, createTRPCRouter } from '../trpc.js';

type KeyContext = Context & { apiKey: NonNullable<Context['apiKey']> };

/** Scope first (so a key learns nothing about namespaces outside it), then the namespace itself. */
async function open(
  ctx: KeyContext,
  namespace: string,
  access: 'read' | 'write',
): Promise<GatewayCache> {
  checkScope(ctx.apiKey, namespace, access);
  return gatewayCache(ctx, namespace);
}

const keyInput = z.object({ namespace: looseNamespace, key: looseKey });
const tags = z.array(looseTag).max(100).optional();

/** Gateway data procedures for services holding an API key: cache-core running in the web process. */
export const cacheRouter = createTRPCRouter({
  get: apiKeyProcedure.input(keyInput).query(async ({ ctx, input }) => {
    const gw = await open(ctx, input.namespace, 'read');
    checkKey(gw.namespace.policy, input.key);
    const entry = await cacheCall(() => readEntry(gw, input.key));
    if (!entry) throw appError('NOT_FOUND', 'E_NOT_FOUND', 'no value for this key');
    return { key: input.key, ...entry };
  }),

  set: apiKeyProcedure
    .input(keyInput.extend({ value: z.json(), tags }))
    .mutation(async ({ ctx, input }) => {
      const gw = await open(ctx, input.namespace, 'write');
      const { policy } = gw.namespace;
      checkKey(policy, input.key);
      checkValue(policy, input.value);
      checkTags(policy, input.tags);
      // The committed version comes back from the write itself (0 while write-behind queues it).
      const version = await cacheCall(() =>
        gw.cache.set(input.key, input.value, { tags: input.tags }),
      );
      return { key: input.key, version: String(version) };
    }),

  delete: apiKeyProcedure.input(keyInput).mutation(async ({ ctx, input }) => {
    const gw = await open(ctx, input.namespace, 'write');
    checkKey(gw.namespace.policy, input.key);
    await cacheCall(() => gw.cache.delete(input.key));
    return { key: input.key, deleted: true as const };
  }),

  getMany: apiKeyProcedure
    .input(z.object({ namespace: looseNamespace, keys: z.array(looseKey).max(1000) }))
    .query(async ({ ctx, input }) => {
      const gw = await open(ctx, input.namespace, 'read');
      for (const key of input.keys) checkKey(gw.namespace.policy, key);
      const found = await cacheCall(() => gw.cache.getManyEntries(input.keys));
      const entries = input.keys.map((key, i) => {
        const entry = found[i];
        return entry === undefined
          ? { key, found: false as const }
          : { key, found: true as const, ...answerOf(entry) };
      });
      return { entries };
    }),

  invalidate: apiKeyProcedure
    .input(invalidateInput(looseNamespace))
    .mutation(async ({ ctx, input }) => {
      await invalidate(await open(ctx, input.namespace, 'write'), input);
      return { ok: true as const };
    }),
});
