// Keeps a claimed step's lease: reports progress at least every leaseMs/3, aborts the step when
// the control plane says the lease is lost (or nothing renewed it for a whole lease, so another
// agent may own it now), and records an operator's cancel.
import type { Logger } from '../logger.js';
import type { ClaimedStep, FleetApi, ReportStepInput } from './fleet-api.js';
import { progressRecorder } from './step-context.js';

type Status = ReportStepInput['status'];

export class StepLease {
  readonly abort = new AbortController();
  readonly recorder;
  cancelRequested = false;
  private lastRenewed = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly api: FleetApi,
    private readonly step: ClaimedStep,
    private readonly log: Logger,
  ) {
    this.recorder = progressRecorder(step.checkpoint);
    this.timer = setInterval(
      () => {
        void this.renew();
      },
      Math.max(100, Math.floor(step.leaseMs / 3)),
    );
  }

  async renew(): Promise<void> {
    if (this.abort.signal.aborted) return;
    try {
      await this.send('running');
    } catch (error) {
      this.log.warn('step lease renewal failed', { stepId: this.step.id, error });
      if (Date.now() - this.lastRenewed > this.step.leaseMs) this.lose('lease not renewed in time');
    }
  }

  /** The final report; retried a few times, since the work is done and only the news is pending. */
  async finish(status: Exclude<Status, 'running'>, error?: string): Promise<void> {
    clearInterval(this.timer);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.send(status, error);
        return;
      } catch (failure) {
        if (attempt >= 5) throw failure;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }

  end(): void {
    clearInterval(this.timer);
  }

  private async send(status: Status, error?: string): Promise<void> {
    const { state } = this.recorder;
    const reply = await this.api.reportStep({
      stepId: this.step.id,
      attempt: this.step.attempt,
      status,
      progress: status === 'succeeded' ? 1 : state.progress,
      // Step executors only ever store plain JSON objects as their checkpoint.
      checkpoint: (state.checkpoint ?? undefined) as ReportStepInput['checkpoint'],
      log: this.recorder.takeLog(),
      ...(error === undefined ? {} : { error: error.slice(0, 2_000) }),
    });
    this.lastRenewed = Date.now();
    if (reply.cancelRequested) this.cancelRequested = true;
    if (reply.leaseLost) this.lose('lease lost');
  }

  private lose(reason: string): void {
    clearInterval(this.timer);
    this.abort.abort(new Error(reason));
  }
}
