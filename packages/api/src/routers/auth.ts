import { createSession, deleteSession, findUserByEmail } from '@cachefleet/db';
import { z } from 'zod';
import { audit } from '../audit.js';
import { appError } from '../errors.js';
import { verifyPassword } from '../security/passwords.js';
import { generateSecret, hashSecret } from '../security/secrets.js';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc.js';

export const sessionTtlMs = 7 * 24 * 3600 * 1000;

export const loginInput = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(1024),
});

export const authRouter = createTRPCRouter({
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const user = await findUserByEmail(ctx.db, input.email);
    const valid = user ? await verifyPassword(input.password, user.passwordHash) : false;
    if (!user || !valid || user.disabledAt) {
      await audit(ctx, { action: 'auth.login_failed', details: { email: input.email } });
      throw appError('UNAUTHORIZED', 'E_BAD_CREDENTIALS', 'wrong email or password');
    }
    const token = generateSecret('cfs_');
    const expiresAt = new Date(Date.now() + sessionTtlMs);
    await createSession(ctx.db, { tokenHash: hashSecret(token), userId: user.id, expiresAt });
    ctx.cookies?.setSession(token, expiresAt);
    await audit({ ...ctx, user }, { action: 'auth.login', targetType: 'user', targetId: user.id });
    return { id: user.id, email: user.email, name: user.name, role: user.role };
  }),

  logout: protectedProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionTokenHash) await deleteSession(ctx.db, ctx.sessionTokenHash);
    ctx.cookies?.clearSession();
    await audit(ctx, { action: 'auth.logout', targetType: 'user', targetId: ctx.user.id });
    return { ok: true };
  }),

  me: protectedProcedure.query(({ ctx }) => ctx.user),
});
