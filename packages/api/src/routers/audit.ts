import { listAudit } from '@cachefleet/db';
import { z } from 'zod';
import { createTRPCRouter, operatorProcedure } from '../trpc.js';

export const auditRouter = createTRPCRouter({
  list: operatorProcedure
    .input(
      z.object({
        limit: z.number().int().min(1).max(200).default(50),
        beforeId: z.number().int().positive().optional(),
      }),
    )
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
});
