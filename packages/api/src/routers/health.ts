import { createTRPCRouter, publicProcedure } from '../trpc.js';

export const healthRouter = createTRPCRouter({
  ping: publicProcedure.query(() => ({ ok: true as const })),
});
