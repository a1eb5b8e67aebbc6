// CLUSTER FAILOVER on the replica (FORCE when its primary is down); wait until it is a primary.
import { myself } from '../cluster-nodes.js';
import { addressKey } from '../node-pool.js';
import { pollUntil } from '../poll.js';
import type { StepContext } from '../step-context.js';
import type { StepOf } from '../step-types.js';

export const failoverTimeoutMs = 30_000;

async function isPrimaryNow(ctx: StepContext, spec: StepOf<'failover'>): Promise<boolean> {
  return myself(await ctx.pool.view(spec.replica))?.flags.includes('master') ?? false;
}

export async function runFailover(spec: StepOf<'failover'>, ctx: StepContext): Promise<void> {
  const self = myself(await ctx.pool.view(spec.replica));
  if (!self) throw new Error(`${addressKey(spec.replica)} did not list itself`);
  if (!self.flags.includes('master')) {
    const primaryId = await ctx.pool.myId(spec.primary).catch(() => null);
    if (primaryId !== null && self.primaryId !== primaryId) {
      throw new Error(
        `${addressKey(spec.replica)} is not a replica of ${addressKey(spec.primary)}`,
      );
    }
    // A dead primary cannot take part in a coordinated failover.
    const mode = primaryId === null ? ['FORCE'] : [];
    await ctx.pool.text(spec.replica, 'CLUSTER', 'FAILOVER', ...mode);
    ctx.report({
      progress: 0.5,
      log: `CLUSTER FAILOVER ${mode.join(' ')} sent to ${addressKey(spec.replica)}`,
    });
  }
  await pollUntil(
    `${addressKey(spec.replica)} to become a primary`,
    () => isPrimaryNow(ctx, spec),
    {
      timeoutMs: failoverTimeoutMs,
      signal: ctx.signal,
    },
  );
  ctx.report({ progress: 1, log: `${addressKey(spec.replica)} is a primary` });
}
