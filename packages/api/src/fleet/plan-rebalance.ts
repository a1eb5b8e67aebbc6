import { balancedCounts, countSlots, rangesOf, slotsOf } from './slot-math.js';
import type { NodeRef, SlotRange } from './step-spec.js';

export interface PrimarySlots {
  node: NodeRef;
  ranges: SlotRange[];
}

export interface SlotMove {
  from: NodeRef;
  to: NodeRef;
  ranges: SlotRange[];
  slots: number;
}

export interface RebalancePlan {
  moves: SlotMove[];
  totalSlots: number;
}

/**
 * Balanced targets for the primaries that stay (floor/ceil of 16384/n), with the larger targets
 * given to those that already hold the most, so that as few slots as possible have to move.
 * Primaries being drained get 0.
 */
function targetsOf(primaries: PrimarySlots[], draining: ReadonlySet<string>): Map<string, number> {
  const staying = primaries
    .filter((p) => !draining.has(p.node.nodeId))
    .sort((a, b) => countSlots(b.ranges) - countSlots(a.ranges));
  const counts = balancedCounts(staying.length);
  const targets = new Map<string, number>(primaries.map((p) => [p.node.nodeId, 0]));
  staying.forEach((p, i) => targets.set(p.node.nodeId, counts[i] ?? 0));
  return targets;
}

/**
 * The minimum slot moves that balance the cluster: only surplus slots move (each at most once),
 * donors give their highest slots, and moves are grouped as ranges per (from, to). Pure: used both
 * for the dry run and for the rebalance operation's steps.
 */
export function planRebalance(
  primaries: readonly PrimarySlots[],
  draining: ReadonlySet<string> = new Set(),
): RebalancePlan {
  const list = [...primaries];
  if (list.length === 0 || list.every((p) => draining.has(p.node.nodeId))) {
    return { moves: [], totalSlots: 0 };
  }
  const targets = targetsOf(list, draining);
  const gives = list.map((p) => {
    const slots = slotsOf(p.ranges);
    const surplus = Math.max(0, slots.length - (targets.get(p.node.nodeId) ?? 0));
    return { node: p.node, give: slots.slice(slots.length - surplus) };
  });
  const needs = list.map((p) => ({
    node: p.node,
    need: Math.max(0, (targets.get(p.node.nodeId) ?? 0) - countSlots(p.ranges)),
  }));
  const moves: SlotMove[] = [];
  for (const donor of gives) {
    for (const receiver of needs) {
      if (donor.give.length === 0) break;
      const n = Math.min(donor.give.length, receiver.need);
      if (n === 0) continue;
      const slots = donor.give.splice(0, n);
      receiver.need -= n;
      moves.push({ from: donor.node, to: receiver.node, ranges: rangesOf(slots), slots: n });
    }
  }
  return { moves, totalSlots: moves.reduce((sum, m) => sum + m.slots, 0) };
}
