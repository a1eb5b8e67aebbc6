// Runs steps in this process without a control plane: the benchmark builds and grows its
// cluster this way, and tests drive each executor directly.
import { NodePool, type ClusterCredentials } from './node-pool.js';
import { progressRecorder, type StepContext } from './step-context.js';
import type { NodeRef, SlotRange, StepSpec } from './step-types.js';
import { runStep } from './steps/index.js';

export interface LocalRunOptions {
  checkpoint?: unknown;
  signal?: AbortSignal;
  cancelRequested?: () => boolean;
  onLog?: (line: string) => void;
}

export interface LocalRunResult {
  checkpoint: unknown;
  progress: number;
  log: string[];
}

export async function runStepLocally(
  spec: StepSpec,
  credentials: ClusterCredentials,
  options: LocalRunOptions = {},
): Promise<LocalRunResult> {
  const pool = new NodePool(credentials);
  const recorder = progressRecorder(options.checkpoint ?? null);
  const ctx: StepContext = {
    pool,
    checkpoint: options.checkpoint ?? null,
    signal: options.signal ?? new AbortController().signal,
    cancelRequested: options.cancelRequested ?? (() => false),
    report(update) {
      recorder.report(update);
      if (update.log !== undefined) options.onLog?.(update.log);
    },
  };
  try {
    await runStep(spec, ctx);
  } finally {
    pool.close();
  }
  return { ...recorder.state };
}

/** Splits 0..16383 into `count` contiguous ranges the way redis-cli does. */
export function evenSlotRanges(count: number): SlotRange[] {
  const per = 16384 / count;
  return Array.from({ length: count }, (_, i) => ({
    start: Math.round(i * per),
    end: Math.round((i + 1) * per) - 1,
  }));
}

/** The create-cluster sequence: primaries are the first `primaries` nodes, then replicas in turn. */
export function createClusterSteps(nodes: NodeRef[], primaries: number): StepSpec[] {
  const heads = nodes.slice(0, primaries);
  const ranges = evenSlotRanges(primaries);
  const steps: StepSpec[] = [
    { kind: 'await-nodes', nodes },
    { kind: 'meet', nodes },
    {
      kind: 'assign-slots',
      assignments: heads.map((node, i) => ({ node, ranges: ranges.slice(i, i + 1) })),
    },
  ];
  nodes.slice(primaries).forEach((replica, i) => {
    const primary = heads[i % primaries];
    if (primary) steps.push({ kind: 'replicate', replica, primary });
  });
  steps.push({ kind: 'await-cluster-ok', nodes });
  return steps;
}
