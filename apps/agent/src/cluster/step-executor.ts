// Claims one step at a time (polling every 1 s while idle), runs it as the cluster user with a
// leased report loop, and reports success or the error. A step whose lease is lost is abandoned:
// another agent re-claims it and, every executor being idempotent, resumes it.
import { describeFailure } from '../control-plane/errors.js';
import type { Logger } from '../logger.js';
import type { ClaimedStep, FleetApi } from './fleet-api.js';
import { NodePool } from './node-pool.js';
import { sleep } from './poll.js';
import type { StepContext } from './step-context.js';
import { StepLease } from './step-lease.js';
import { runStep } from './steps/index.js';

export interface StepExecutorOptions {
  api: FleetApi;
  log: Logger;
  pollMs?: number;
  /** Tests shorten leases to exercise re-claims. */
  leaseMs?: number;
}

export class StepExecutor {
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private current: StepLease | undefined;
  private failing = false;

  constructor(private readonly options: StepExecutorOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops claiming and abandons a running step (its lease expires and another agent resumes it). */
  async stop(): Promise<void> {
    this.stopping.abort(new Error('agent stopping'));
    this.current?.abort.abort(new Error('agent stopping'));
    await this.loop;
  }

  private async run(): Promise<void> {
    const { signal } = this.stopping;
    while (!signal.aborted) {
      const step = await this.claim();
      if (step) await this.execute(step);
      else await sleep(this.options.pollMs ?? 1_000, signal).catch(() => undefined);
    }
  }

  private async claim(): Promise<ClaimedStep | null> {
    try {
      const step = await this.options.api.claimStep(this.options.leaseMs);
      this.failing = false;
      return step;
    } catch (error) {
      if (!this.failing)
        this.options.log.warn('claiming steps failed; will retry', { ...describeFailure(error) });
      this.failing = true;
      return null;
    }
  }

  /** Runs one claimed step to its final report (or abandons it). Never throws. */
  async execute(step: ClaimedStep): Promise<void> {
    const log = this.options.log.child({
      stepId: step.id,
      kind: step.spec.kind,
      attempt: step.attempt,
    });
    const lease = new StepLease(this.options.api, step, log);
    this.current = lease;
    const pool = new NodePool(step.credentials);
    const ctx: StepContext = {
      pool,
      checkpoint: step.checkpoint,
      signal: lease.abort.signal,
      cancelRequested: () => lease.cancelRequested,
      report: lease.recorder.report,
    };
    log.info('step started');
    try {
      await runStep(step.spec, ctx);
      await lease.finish('succeeded');
      log.info('step succeeded');
    } catch (error) {
      await this.settleFailure(lease, error, log);
    } finally {
      lease.end();
      pool.close();
      this.current = undefined;
    }
  }

  private async settleFailure(lease: StepLease, error: unknown, log: Logger): Promise<void> {
    if (lease.abort.signal.aborted) {
      log.warn('step abandoned', { reason: String(lease.abort.signal.reason) });
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    log.warn('step failed', { error: message });
    await lease.finish('failed', message).catch((failure: unknown) => {
      log.warn('could not report the failure; the lease will expire', {
        ...describeFailure(failure),
      });
    });
  }
}
