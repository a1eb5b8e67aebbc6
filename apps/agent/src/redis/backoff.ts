// Restart delays for a crashing redis-server: fast first retry, doubling to a ceiling, and a fresh
// start once the server has stayed up long enough to count as healthy again.

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Uptime after which the next crash is treated as a first failure again. */
  stableAfterMs: number;
}

export const redisRestartBackoff: BackoffOptions = {
  initialMs: 500,
  maxMs: 30_000,
  factor: 2,
  stableAfterMs: 60_000,
};

export class Backoff {
  private failures = 0;

  constructor(private readonly options: BackoffOptions = redisRestartBackoff) {}

  /** The delay before restarting a process that ran for `uptimeMs` and then died. */
  nextDelay(uptimeMs: number): number {
    if (uptimeMs >= this.options.stableAfterMs) this.failures = 0;
    const { initialMs, factor, maxMs } = this.options;
    const delay = Math.min(maxMs, initialMs * factor ** this.failures);
    this.failures += 1;
    return delay;
  }

  reset(): void {
    this.failures = 0;
  }
}
