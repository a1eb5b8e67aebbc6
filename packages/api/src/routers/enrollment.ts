import { createEnrollmentToken, listEnrollmentTokens, revokeEnrollmentToken } from '@cachefleet/db';
import { z } from 'zod';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { appError } from '../errors.js';
import { generateSecret, hashSecret, secretPrefix } from '../security/secrets.js';
import { adminProcedure, createTRPCRouter } from '../trpc.js';

export const createEnrollmentTokenInput = z.object({
  note: z.string().trim().max(200).default(''),
  /** Minutes until the token expires: 5 minutes to 7 days, one hour by default. */
  ttlMinutes: z
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(60),
});

/** Creates a token and returns its secret, which is shown once and stored only as a hash. */
export async function issueEnrollmentToken(
  ctx: Context,
  input: z.output<typeof createEnrollmentTokenInput>,
) {
  const token = generateSecret('cfe_');
  const info = await createEnrollmentToken(ctx.db, {
    tokenHash: hashSecret(token),
    prefix: secretPrefix(token),
    note: input.note,
    createdBy: ctx.user?.id ?? null,
    expiresAt: new Date(Date.now() + input.ttlMinutes * 60_000),
  });
  await audit(ctx, {
    action: 'enrollment.create',
    targetType: 'enrollment_token',
    targetId: info.id,
    details: { prefix: info.prefix, expiresAt: info.expiresAt.toISOString() },
  });
  return { ...info, token };
}

export const enrollmentRouter = createTRPCRouter({
  create: adminProcedure
    .input(createEnrollmentTokenInput)
    .mutation(({ ctx, input }) => issueEnrollmentToken(ctx, input)),

  list: adminProcedure.query(({ ctx }) => listEnrollmentTokens(ctx.db)),

  revoke: adminProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    if (!(await revokeEnrollmentToken(ctx.db, input.id))) {
      throw appError('NOT_FOUND', 'E_TOKEN_NOT_FOUND', 'no such active enrollment token');
    }
    await audit(ctx, {
      action: 'enrollment.revoke',
      targetType: 'enrollment_token',
      targetId: input.id,
    });
    return { ok: true };
  }),
});
