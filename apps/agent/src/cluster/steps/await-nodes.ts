// Every node answers PING as the cluster user, i.e. its agent has applied the credential.
import { pollUntil } from '../poll.js';
import type { StepContext } from '../step-context.js';
import type { StepOf } from '../step-types.js';

export const awaitNodesTimeoutMs = 60_000;

export async function runAwaitNodes(spec: StepOf<'await-nodes'>, ctx: StepContext): Promise<void> {
  let ready = 0;
  for (const node of spec.nodes) {
    await pollUntil(
      `${node.host}:${node.port} to answer as the cluster user`,
      async () => (await ctx.pool.text(node, 'PING')) === 'PONG',
      { timeoutMs: awaitNodesTimeoutMs, signal: ctx.signal },
    );
    ready += 1;
    ctx.report({ progress: ready / spec.nodes.length, log: `${node.host}:${node.port} ready` });
  }
}
