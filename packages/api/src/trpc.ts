import { initTRPC, TRPCError } from '@trpc/server';
import type { Role } from '@cachefleet/db';
import { ZodError, z } from 'zod';
import type { Context } from './context.js';
import { AppErrorCause, appError } from './errors.js';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        appCode: cause instanceof AppErrorCause ? cause.appCode : null,
        zodError: cause instanceof ZodError ? z.flattenError(cause) : null,
        /** Every input problem with its full path ("policy.ttlSeconds"), for nested forms. */
        zodIssues:
          cause instanceof ZodError
            ? cause.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
            : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;

/** A signed-in console user; narrows `ctx.user` for the procedures below. */
export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** A signed-in user holding at least `role` (admin > operator > viewer). */
export function roleProcedure(role: Role) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (rank[ctx.user.role] < rank[role]) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `requires the ${role} role` });
    }
    return next();
  });
}

export const viewerProcedure = protectedProcedure;
export const operatorProcedure = roleProcedure('operator');
export const adminProcedure = roleProcedure('admin');

/** An enrolled agent presenting its own credential. */
export const agentProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.agent)
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'agent credential required' });
  return next({ ctx: { ...ctx, agent: ctx.agent } });
});

/** A service presenting an unrevoked API key (`Authorization: Bearer cfk_…`). */
export const apiKeyProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.apiKey) throw appError('UNAUTHORIZED', 'E_UNAUTHORIZED', 'a valid API key is required');
  return next({ ctx: { ...ctx, apiKey: ctx.apiKey } });
});
