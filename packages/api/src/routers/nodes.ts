import { findAgent, listAgents, requestAgentUpgrade, type AgentInfo } from '@cachefleet/db';
import { z } from 'zod';
import { audit } from '../audit.js';
import { appError } from '../errors.js';
import { nodeStatus } from '../node-status.js';
import { createTRPCRouter, operatorProcedure, viewerProcedure } from '../trpc.js';

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

  /** The agent version this console serves; agents on another version are offered an upgrade. */
  agentRelease: viewerProcedure.query(async ({ ctx }) => ({ version: await ctx.agentRelease() })),

  /** Asks an agent to upgrade itself to the served version on its next heartbeat. */
  requestUpgrade: operatorProcedure
    .input(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const version = await ctx.agentRelease();
      if (!version) {
        throw appError(
          'PRECONDITION_FAILED',
          'E_NO_AGENT_BUNDLE',
          'this console has no agent bundle',
        );
      }
      if (!(await requestAgentUpgrade(ctx.db, input.id, version))) {
        throw appError('NOT_FOUND', 'E_NODE_NOT_FOUND', 'no such node');
      }
      await audit(ctx, {
        action: 'agent.upgrade_requested',
        targetType: 'agent',
        targetId: input.id,
        details: { version },
      });
      return { version };
    }),
});
