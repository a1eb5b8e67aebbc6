// CONFIG SET maxmemory / maxmemory-policy on one node, verified with CONFIG GET.
import { applyMemoryConfig } from '../memory-config.js';
import { addressKey } from '../node-pool.js';
import type { StepContext } from '../step-context.js';
import type { StepOf } from '../step-types.js';

export async function runApplyConfig(
  spec: StepOf<'apply-config'>,
  ctx: StepContext,
): Promise<void> {
  const changed = await applyMemoryConfig(ctx.pool.get(spec.node), {
    maxmemory: spec.maxmemory,
    maxmemoryPolicy: spec.maxmemoryPolicy,
  });
  ctx.report({
    progress: 1,
    log: `${addressKey(spec.node)}: ${changed.length ? changed.join(', ') : 'already applied'}`,
  });
}
