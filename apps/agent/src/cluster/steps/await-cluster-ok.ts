// Every node reports cluster_state:ok and all of them agree on who owns each slot.
import { isPrimary, parseClusterNodes } from '../cluster-nodes.js';
import { pollUntil } from '../poll.js';
import type { StepContext } from '../step-context.js';
import type { NodeRef, StepOf } from '../step-types.js';

export const awaitClusterOkTimeoutMs = 60_000;

/** "id:ranges" per primary with slots, sorted: equal strings mean equal slot maps. */
function slotMapSignature(nodesText: string): string {
  return parseClusterNodes(nodesText)
    .filter((n) => isPrimary(n) && n.slots.length > 0)
    .map((n) => `${n.id}:${n.slots.map((r) => `${r.start}-${r.end}`).join(',')}`)
    .sort()
    .join(' ');
}

async function agreeAndOk(ctx: StepContext, nodes: NodeRef[]): Promise<boolean> {
  const signatures = new Set<string>();
  for (const node of nodes) {
    const info = await ctx.pool.text(node, 'CLUSTER', 'INFO');
    if (!info.includes('cluster_state:ok')) return false;
    signatures.add(slotMapSignature(await ctx.pool.text(node, 'CLUSTER', 'NODES')));
  }
  return signatures.size === 1;
}

export async function runAwaitClusterOk(
  spec: StepOf<'await-cluster-ok'>,
  ctx: StepContext,
): Promise<void> {
  await pollUntil(
    'cluster_state:ok with one slot map on every node',
    () => agreeAndOk(ctx, spec.nodes),
    {
      timeoutMs: awaitClusterOkTimeoutMs,
      signal: ctx.signal,
    },
  );
  ctx.report({ progress: 1, log: `cluster ok on ${spec.nodes.length} nodes` });
}
