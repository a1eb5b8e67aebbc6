import { createUser, findUserByEmail, listUsers, roles, setUserRole } from '@cachefleet/db';
import { z } from 'zod';
import { audit } from '../audit.js';
import { appError } from '../errors.js';
import { hashPassword } from '../security/passwords.js';
import { adminProcedure, createTRPCRouter } from '../trpc.js';

export const createUserInput = z.object({
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(100),
  role: z.enum(roles),
  password: z.string().min(12, 'at least 12 characters').max(1024),
});

export const usersRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),

  create: adminProcedure.input(createUserInput).mutation(async ({ ctx, input }) => {
    if (await findUserByEmail(ctx.db, input.email)) {
      throw appError('CONFLICT', 'E_USER_EXISTS', `a user with email ${input.email} exists`);
    }
    const { password, ...fields } = input;
    const user = await createUser(ctx.db, {
      ...fields,
      passwordHash: await hashPassword(password),
    });
    await audit(ctx, {
      action: 'user.create',
      targetType: 'user',
      targetId: user.id,
      details: { email: user.email, role: user.role },
    });
    return user;
  }),

  setRole: adminProcedure
    .input(z.object({ id: z.uuid(), role: z.enum(roles) }))
    .mutation(async ({ ctx, input }) => {
      if (input.id === ctx.user.id) {
        throw appError('BAD_REQUEST', 'E_OWN_ROLE', 'you cannot change your own role');
      }
      const user = await setUserRole(ctx.db, input.id, input.role);
      if (!user) throw appError('NOT_FOUND', 'E_USER_NOT_FOUND', 'no such user');
      await audit(ctx, {
        action: 'user.set_role',
        targetType: 'user',
        targetId: user.id,
        details: { role: input.role },
      });
      return user;
    }),
});
