import { findAgent, listAgents, type AgentInfo } from '@cachefleet/db';
import { z } from 'zod';
import { appError } from '../errors.js';
import { nodeStatus } from '../node-status.js';
import { createTRPCRouter, viewerProcedure } from '../trpc.js';

function withStatus(agent: AgentInfo, now: Date) {
  return { ...agent, status: nodeStatus(agent, now) };
}

export const nodesRouter = createTRPCRouter({
  list: viewerProcedure.query(async ({ ctx }) => {
    const now = new Date();
    return (await listAgents(ctx.db)).map((agent) => withStatus(agent, now));
  }),

  get: viewerProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const agent = await findAgent(ctx.db, input.id);
    if (!agent) throw appError('NOT_FOUND', 'E_NODE_NOT_FOUND', 'no such node');
    return withStatus(agent, new Date());
  }),
});
