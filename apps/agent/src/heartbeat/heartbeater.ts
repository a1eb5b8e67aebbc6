// Reports liveness and Redis stats to the control plane on a timer. A failed beat is logged and
// counted, then retried on the next tick: the data path never waits on the control plane.
import type { ControlPlaneClient } from '../control-plane/client.js';
import { describeFailure } from '../control-plane/errors.js';
import type { Logger } from '../logger.js';
import type { RedisInfo } from '../redis/info.js';
import { heartbeatPayload, type AgentIdentity } from './payload.js';

export interface HeartbeaterOptions {
  client: ControlPlaneClient;
  sample: () => Promise<RedisInfo | null>;
  log: Logger;
  /** Called with the version the console wants this agent to run, when it names one. */
  onUpgradeRequested?: (version: string) => void;
  /** Until the console names its own interval in a heartbeat reply. */
  intervalMs?: number;
  timeoutMs?: number;
}

/** A console answering 0 or a day must not turn the agent into a busy loop or a silent host. */
function clampInterval(ms: number): number {
  return Math.min(Math.max(ms, 1_000), 60_000);
}

export class Heartbeater {
  failures = 0;
  private intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private readonly stopped = new AbortController();
  private failing = false;
  private identity: AgentIdentity | undefined;

  constructor(private readonly options: HeartbeaterOptions) {
    this.intervalMs = options.intervalMs ?? 5_000;
  }

  /** Sends the first beat now, then one per interval. */
  start(identity: AgentIdentity): void {
    this.identity = identity;
    this.schedule(0);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.stopped.abort();
  }

  /** One heartbeat; true when the control plane accepted it. */
  async beat(): Promise<boolean> {
    const { client, sample } = this.options;
    const identity = this.identity;
    if (!identity) return false;
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 5_000);
    try {
      const payload = {
        ...heartbeatPayload(identity, await sample()),
        recentLogs: this.options.log.recent.snapshot(),
      };
      const reply = await client.agent.heartbeat.mutate(payload, {
        signal: AbortSignal.any([this.stopped.signal, timeout]),
      });
      this.intervalMs = clampInterval(reply.heartbeatIntervalMs);
      if (reply.upgradeTo) this.options.onUpgradeRequested?.(reply.upgradeTo);
      this.recovered();
      return true;
    } catch (error) {
      if (!this.stopped.signal.aborted) this.failed(error);
      return false;
    }
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      void this.beat().then(() => {
        if (!this.stopped.signal.aborted) this.schedule(this.intervalMs);
      });
    }, delayMs);
  }

  private recovered(): void {
    if (this.failing) this.options.log.info('heartbeat delivered again');
    this.failing = false;
  }

  private failed(error: unknown): void {
    this.failures += 1;
    this.failing = true;
    const { code, message } = describeFailure(error);
    const hint =
      code === 'UNAUTHORIZED'
        ? 'the console no longer accepts this agent credential; join again with a new token'
        : 'will retry on the next tick';
    this.options.log.warn('heartbeat failed', { code, error: message, hint });
  }
}
