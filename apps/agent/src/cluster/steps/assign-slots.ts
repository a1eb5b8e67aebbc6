// CLUSTER ADDSLOTSRANGE for each node's ranges, skipping slots it already owns.
import { expandRanges, myself, ownsSlot } from '../cluster-nodes.js';
import { addressKey } from '../node-pool.js';
import type { StepContext } from '../step-context.js';
import type { SlotRange, StepOf } from '../step-types.js';

/** Collapses sorted slots into contiguous ranges. */
export function toRanges(slots: number[]): SlotRange[] {
  const ranges: SlotRange[] = [];
  for (const slot of [...slots].sort((a, b) => a - b)) {
    const last = ranges[ranges.length - 1];
    if (last && last.end + 1 === slot) last.end = slot;
    else ranges.push({ start: slot, end: slot });
  }
  return ranges;
}

export async function runAssignSlots(
  spec: StepOf<'assign-slots'>,
  ctx: StepContext,
): Promise<void> {
  let done = 0;
  for (const { node, ranges } of spec.assignments) {
    ctx.signal.throwIfAborted();
    const self = myself(await ctx.pool.view(node));
    const missing = expandRanges(ranges).filter((slot) => !self || !ownsSlot(self, slot));
    const pending = toRanges(missing);
    if (pending.length > 0) {
      const args = pending.flatMap((r) => [r.start, r.end]);
      await ctx.pool.text(node, 'CLUSTER', 'ADDSLOTSRANGE', ...args);
    }
    done += 1;
    ctx.report({
      progress: done / spec.assignments.length,
      log: `${addressKey(node)}: ${missing.length} slots added`,
    });
  }
}
