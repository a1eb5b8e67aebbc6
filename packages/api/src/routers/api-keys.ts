import { findNamespaceByName, insertApiKey, listApiKeys, revokeApiKey } from '@cachefleet/db';
import { z } from 'zod';
import { audit } from '../audit.js';
import { appError } from '../errors.js';
import { namespaceName } from '../namespaces/policy.js';
import { generateSecret, hashSecret, secretPrefix } from '../security/secrets.js';
import { adminProcedure, createTRPCRouter, viewerProcedure } from '../trpc.js';

export const apiKeyScope = z.object({
  namespace: namespaceName,
  permission: z.enum(['read', 'read-write']),
});

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z
    .array(apiKeyScope)
    .min(1)
    .max(100)
    .refine((s) => new Set(s.map((x) => x.namespace)).size === s.length, {
      error: 'each namespace may appear once',
    }),
});

/** Services' credentials: the secret is shown once and stored as its SHA-256. */
export const apiKeysRouter = createTRPCRouter({
  create: adminProcedure.input(createApiKeyInput).mutation(async ({ ctx, input }) => {
    for (const scope of input.scopes) {
      if (!(await findNamespaceByName(ctx.db, scope.namespace))) {
        throw appError('NOT_FOUND', 'E_UNKNOWN_NAMESPACE', `no namespace ${scope.namespace}`);
      }
    }
    const secret = generateSecret('cfk_');
    const key = await insertApiKey(ctx.db, {
      name: input.name,
      secretHash: hashSecret(secret),
      secretPrefix: secretPrefix(secret),
      scopes: input.scopes,
      createdBy: ctx.user.id,
    });
    await audit(ctx, {
      action: 'api_key.create',
      targetType: 'api_key',
      targetId: key.id,
      details: { name: key.name, prefix: key.secretPrefix, scopes: key.scopes },
    });
    return { ...key, secret };
  }),

  list: viewerProcedure.query(({ ctx }) => listApiKeys(ctx.db)),

  revoke: adminProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    if (!(await revokeApiKey(ctx.db, input.id))) {
      throw appError('NOT_FOUND', 'E_API_KEY_NOT_FOUND', 'no such active API key');
    }
    await audit(ctx, { action: 'api_key.revoke', targetType: 'api_key', targetId: input.id });
    return { ok: true as const };
  }),
});
