/** One line of a micro-benchmark's output: a name plus whatever figures it measured. */
export interface MicroBenchResult {
  bench: string;
  [figure: string]: string | number;
}

/**
 * A micro-benchmark the suite runner can run. Benchmarks of other tiers (L2, Redis, sources) append
 * theirs to `microBenches` in `micro-benches.ts`; the runner prints every result as a JSON line.
 */
export interface MicroBench {
  name: string;
  run: () => Promise<MicroBenchResult> | MicroBenchResult;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
