// Takes a node out of its cluster: refuse while it owns slots, CLUSTER FORGET it on every other
// node, then CLUSTER RESET HARD on it so it comes back as a fresh idle node with a new id.
import { myself, slotCount } from '../cluster-nodes.js';
import { addressKey } from '../node-pool.js';
import type { StepContext } from '../step-context.js';
import type { NodeRef, StepOf } from '../step-types.js';

/** The node's id and slot count, from itself or, when it is down, from the first other that answers. */
async function locate(
  ctx: StepContext,
  spec: StepOf<'forget-node'>,
): Promise<{ id: string; slots: number }> {
  const own = await ctx.pool.view(spec.node).catch(() => null);
  const self = own ? myself(own) : undefined;
  if (self) return { id: self.id, slots: slotCount(self) };
  for (const other of spec.others) {
    const view = await ctx.pool.view(other).catch(() => null);
    const seen = view?.find((n) => n.host === spec.node.host && n.port === spec.node.port);
    if (seen) return { id: seen.id, slots: slotCount(seen) };
  }
  throw new Error(`${addressKey(spec.node)} is unreachable and no other node knows it`);
}

async function forgetOn(ctx: StepContext, other: NodeRef, id: string): Promise<void> {
  const view = await ctx.pool.view(other);
  if (!view.some((n) => n.id === id)) return;
  await ctx.pool.text(other, 'CLUSTER', 'FORGET', id);
}

export async function runForgetNode(spec: StepOf<'forget-node'>, ctx: StepContext): Promise<void> {
  const { id, slots } = await locate(ctx, spec);
  if (slots > 0)
    throw new Error(`${addressKey(spec.node)} still owns ${slots} slots; drain it first`);
  for (const [index, other] of spec.others.entries()) {
    ctx.signal.throwIfAborted();
    await forgetOn(ctx, other, id);
    ctx.report({ progress: (index + 1) / (spec.others.length + 1) });
  }
  const reachable = await ctx.pool.text(spec.node, 'PING').catch(() => null);
  if (reachable === null) {
    ctx.report({ progress: 1, log: `${addressKey(spec.node)} is down: forgotten, not reset` });
    return;
  }
  // It owns no slots, so a primary's remaining keys are unreachable leftovers; RESET refuses to
  // drop them itself, and a replica drops its copy on RESET.
  const self = myself(await ctx.pool.view(spec.node));
  if (self?.flags.includes('master')) await ctx.pool.text(spec.node, 'FLUSHALL');
  await ctx.pool.text(spec.node, 'CLUSTER', 'RESET', 'HARD');
  ctx.report({
    progress: 1,
    log: `${addressKey(spec.node)} forgotten by ${spec.others.length} nodes and reset`,
  });
}
