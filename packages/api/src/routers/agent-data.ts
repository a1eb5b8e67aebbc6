import { recordApiKeyUsage } from '@cachefleet/db';
import { z } from 'zod';
import { buildAgentDataConfig, configRevision } from '../namespaces/agent-config.js';
import { requireSealer } from '../security/require-sealer.js';
import { agentProcedure, createTRPCRouter } from '../trpc.js';

const configInput = z.object({ knownRevision: z.string().max(100).optional() }).default({});

const reportKeyUsageInput = z.object({
  usage: z
    .array(z.object({ apiKeyId: z.uuid(), lastUsedAt: z.iso.datetime({ offset: true }) }))
    .max(1000),
});

/** Agent-facing: namespaces, sources and API keys of the agent's cluster (data contract). */
export const agentDataRouter = createTRPCRouter({
  config: agentProcedure.input(configInput).query(async ({ ctx, input }) => {
    const config = await buildAgentDataConfig(ctx.db, requireSealer(ctx), ctx.agent.id);
    const revision = configRevision(config);
    return { revision, config: input.knownRevision === revision ? null : config };
  }),

  /** Telemetry (every 10 s per agent), so not audited; times in the future count as now. */
  reportKeyUsage: agentProcedure.input(reportKeyUsageInput).mutation(async ({ ctx, input }) => {
    const now = Date.now();
    const usage = input.usage.map((u) => ({
      apiKeyId: u.apiKeyId,
      lastUsedAt: new Date(Math.min(Date.parse(u.lastUsedAt), now)),
    }));
    await recordApiKeyUsage(ctx.db, usage);
    return { ok: true as const };
  }),
});
