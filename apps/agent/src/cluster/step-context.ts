// What a step executor gets: connections as the cluster user, the checkpoint of an earlier
// attempt, a way to publish progress, and the signals that tell it to stop.
import type { NodePool } from './node-pool.js';

export interface StepProgress {
  progress: number;
  checkpoint: unknown;
  log: string[];
}

export interface StepContext {
  pool: NodePool;
  /** What an earlier attempt of this step saved, or null. */
  checkpoint: unknown;
  /** Aborted when the lease is lost or the agent stops: abandon the step at once. */
  signal: AbortSignal;
  /** True once an operator asked to cancel; honoured between slots. */
  cancelRequested(): boolean;
  /** Published with the next lease renewal. */
  report(update: { progress?: number; checkpoint?: unknown; log?: string }): void;
}

export class StepCancelledError extends Error {
  constructor() {
    super('cancelled by an operator');
    this.name = 'StepCancelledError';
  }
}

/** Records what a step reports, for the lease renewal to send (and for tests to read). */
export function progressRecorder(checkpoint: unknown): {
  state: StepProgress;
  report: StepContext['report'];
  takeLog(): string[];
} {
  const state: StepProgress = { progress: 0, checkpoint, log: [] };
  return {
    state,
    report(update) {
      if (update.progress !== undefined) state.progress = Math.min(1, Math.max(0, update.progress));
      if (update.checkpoint !== undefined) state.checkpoint = update.checkpoint;
      if (update.log !== undefined) state.log.push(update.log.slice(0, 500));
    },
    takeLog() {
      return state.log.splice(0, 50);
    },
  };
}
