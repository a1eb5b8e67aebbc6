import { slotCount, type SlotRange } from './step-spec.js';

/** Expands ranges into sorted, distinct slot numbers. */
export function slotsOf(ranges: readonly SlotRange[]): number[] {
  const slots = new Set<number>();
  for (const r of ranges) for (let s = r.start; s <= r.end; s++) slots.add(s);
  return [...slots].sort((a, b) => a - b);
}

/** Compresses slot numbers into the fewest inclusive ranges. */
export function rangesOf(slots: readonly number[]): SlotRange[] {
  const sorted = [...new Set(slots)].sort((a, b) => a - b);
  const ranges: SlotRange[] = [];
  for (const slot of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && last.end === slot - 1) last.end = slot;
    else ranges.push({ start: slot, end: slot });
  }
  return ranges;
}

export function countSlots(ranges: readonly SlotRange[]): number {
  return ranges.reduce((n, r) => n + r.end - r.start + 1, 0);
}

/** How many slots each of `n` primaries holds when balanced: the first `16384 % n` get one more. */
export function balancedCounts(n: number, total = slotCount): number[] {
  const base = Math.floor(total / n);
  return Array.from({ length: n }, (_, i) => base + (i < total % n ? 1 : 0));
}

/** Splits all slots into `n` contiguous ranges of balanced sizes. */
export function evenRanges(n: number): SlotRange[] {
  let start = 0;
  return balancedCounts(n).map((count) => {
    const range = { start, end: start + count - 1 };
    start += count;
    return range;
  });
}
