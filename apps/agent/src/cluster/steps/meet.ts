// CLUSTER MEET every node with the first, then wait until each knows all the others.
import { addressKey } from '../node-pool.js';
import { pollUntil } from '../poll.js';
import type { StepContext } from '../step-context.js';
import type { NodeRef, StepOf } from '../step-types.js';

export const meetTimeoutMs = 30_000;

/** True when `node` lists every other node as a completed handshake. */
async function knowsAll(ctx: StepContext, node: NodeRef, all: NodeRef[]): Promise<boolean> {
  const view = await ctx.pool.view(node);
  const known = new Set(
    view
      .filter((n) => !n.flags.includes('handshake') && !n.flags.includes('noaddr'))
      .map(addressKey),
  );
  // A node may not know its own address before its first peer tells it, so skip itself.
  return all.every((other) => other === node || known.has(addressKey(other)));
}

export async function runMeet(spec: StepOf<'meet'>, ctx: StepContext): Promise<void> {
  const [first, ...rest] = spec.nodes;
  if (!first) return;
  const known = new Set((await ctx.pool.view(first)).map(addressKey));
  for (const node of rest) {
    if (known.has(addressKey(node))) continue;
    await ctx.pool.text(first, 'CLUSTER', 'MEET', node.host, node.port);
    ctx.report({ log: `met ${addressKey(node)}` });
  }
  let done = 0;
  for (const node of spec.nodes) {
    await pollUntil(
      `${addressKey(node)} to know every node`,
      () => knowsAll(ctx, node, spec.nodes),
      {
        timeoutMs: meetTimeoutMs,
        signal: ctx.signal,
      },
    );
    done += 1;
    ctx.report({ progress: done / spec.nodes.length });
  }
}
