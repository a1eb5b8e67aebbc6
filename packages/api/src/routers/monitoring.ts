import {
  listMonitoringTokens,
  monitoringTokenPurposes,
  revokeMonitoringToken,
} from '@cachefleet/db';
import { z } from 'zod';
import { audit } from '../audit.js';
import { appError } from '../errors.js';
import { issueMonitoringToken } from '../monitoring/tokens.js';
import { adminProcedure, createTRPCRouter } from '../trpc.js';

export const createMonitoringTokenInput = z.object({
  purpose: z.enum(monitoringTokenPurposes),
  note: z.string().trim().max(200).default(''),
});

/** Tokens Prometheus (discovery) and Alertmanager (webhook) present to the console. */
export const monitoringRouter = createTRPCRouter({
  createToken: adminProcedure
    .input(createMonitoringTokenInput)
    .mutation(({ ctx, input }) => issueMonitoringToken(ctx, input)),

  listTokens: adminProcedure.query(({ ctx }) => listMonitoringTokens(ctx.db)),

  revokeToken: adminProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    if (!(await revokeMonitoringToken(ctx.db, input.id))) {
      throw appError('NOT_FOUND', 'E_TOKEN_NOT_FOUND', 'no such active monitoring token');
    }
    await audit(ctx, {
      action: 'monitoring_token.revoke',
      targetType: 'monitoring_token',
      targetId: input.id,
    });
    return { ok: true };
  }),
});
