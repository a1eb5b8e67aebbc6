// Moves each slot of the ranges from one primary to another, one slot at a time. The checkpoint
// counts finished slots; a re-run skips slots the target already owns, so it resumes where a
// killed executor stopped, including a slot it left half-migrated.
import { expandRanges } from '../cluster-nodes.js';
import { addressKey } from '../node-pool.js';
import { migrateSlot, type SlotEnd } from '../slot-migration.js';
import { StepCancelledError, type StepContext } from '../step-context.js';
import type { NodeRef, StepOf } from '../step-types.js';

export interface MigrateCheckpoint {
  slotsDone: number;
  keysMoved: number;
}

function readCheckpoint(value: unknown): MigrateCheckpoint {
  if (typeof value === 'object' && value !== null && 'slotsDone' in value && 'keysMoved' in value) {
    const { slotsDone, keysMoved } = value;
    if (typeof slotsDone === 'number' && typeof keysMoved === 'number')
      return { slotsDone, keysMoved };
  }
  return { slotsDone: 0, keysMoved: 0 };
}

async function end(ctx: StepContext, node: NodeRef): Promise<SlotEnd> {
  return { host: node.host, port: node.port, id: await ctx.pool.myId(node) };
}

export async function runMigrateSlots(
  spec: StepOf<'migrate-slots'>,
  ctx: StepContext,
): Promise<void> {
  const [from, to] = [await end(ctx, spec.from), await end(ctx, spec.to)];
  const slots = expandRanges(spec.ranges);
  const previous = readCheckpoint(ctx.checkpoint);
  let keysMoved = previous.keysMoved;
  ctx.report({
    log: `moving ${slots.length} slots ${addressKey(from)} → ${addressKey(to)}${previous.slotsDone ? ` (resuming after ${previous.slotsDone})` : ''}`,
  });
  for (const [index, slot] of slots.entries()) {
    if (ctx.cancelRequested()) throw new StepCancelledError();
    keysMoved += await migrateSlot({ slot, from, to, batchKeys: spec.batchKeys }, ctx);
    const checkpoint: MigrateCheckpoint = { slotsDone: index + 1, keysMoved };
    ctx.report({ progress: (index + 1) / slots.length, checkpoint });
  }
  ctx.report({ log: `${slots.length} slots moved, ${keysMoved} keys` });
}
