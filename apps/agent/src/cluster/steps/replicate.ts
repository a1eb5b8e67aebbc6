// CLUSTER REPLICATE the primary's Redis id on the replica; wait for master_link_status:up.
import { myself } from '../cluster-nodes.js';
import { addressKey } from '../node-pool.js';
import { pollUntil } from '../poll.js';
import type { StepContext } from '../step-context.js';
import type { StepOf } from '../step-types.js';

export const replicateTimeoutMs = 60_000;

export async function runReplicate(spec: StepOf<'replicate'>, ctx: StepContext): Promise<void> {
  const { replica, primary } = spec;
  const primaryId = await ctx.pool.myId(primary);
  const wait = { timeoutMs: replicateTimeoutMs, signal: ctx.signal };
  // The replica must have heard of the primary through gossip before it can follow it.
  await pollUntil(
    `${addressKey(replica)} to know ${addressKey(primary)}`,
    async () => (await ctx.pool.view(replica)).some((n) => n.id === primaryId),
    wait,
  );
  const self = myself(await ctx.pool.view(replica));
  if (self?.primaryId !== primaryId) {
    await ctx.pool.text(replica, 'CLUSTER', 'REPLICATE', primaryId);
    ctx.report({ progress: 0.5, log: `${addressKey(replica)} replicates ${addressKey(primary)}` });
  }
  await pollUntil(
    `${addressKey(replica)} to sync from ${addressKey(primary)}`,
    async () =>
      (await ctx.pool.text(replica, 'INFO', 'replication')).includes('master_link_status:up'),
    wait,
  );
  ctx.report({ progress: 1 });
}
