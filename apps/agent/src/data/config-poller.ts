// Pulls agentData.config every 2 s with the last revision it applied. When the control plane is
// unreachable the agent keeps serving its last config (DESIGN §6) and catches up on return.
import type { Logger } from '../logger.js';
import { agentDataConfigSchema, type AgentDataConfig } from './config-schema.js';

export type FetchConfig = (
  knownRevision: string | undefined,
) => Promise<{ revision: string; config: unknown }>;

export interface ConfigPollerOptions {
  fetch: FetchConfig;
  /** Applies a new config; the revision counts as known only once this resolved. */
  apply: (config: AgentDataConfig) => Promise<void>;
  /** Runs after every poll, changed or not (ACL re-apply after a Redis restart). */
  afterPoll?: () => Promise<void>;
  log: Logger;
  intervalMs?: number;
}

export class ConfigPoller {
  private revision: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private failing = false;
  private followUpFailing = false;

  constructor(private readonly options: ConfigPollerOptions) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** One poll; true when a new config was applied. */
  async poll(): Promise<boolean> {
    let applied = false;
    try {
      const reply = await this.options.fetch(this.revision);
      if (reply.config !== null && reply.revision !== this.revision) {
        await this.options.apply(agentDataConfigSchema.parse(reply.config));
        this.revision = reply.revision;
        applied = true;
      }
      if (this.failing) this.options.log.info('data config reachable again');
      this.failing = false;
    } catch (error) {
      // Logged once per outage: the last config keeps serving meanwhile.
      if (!this.failing)
        this.options.log.warn('data config poll failed; keeping the last config', { error });
      this.failing = true;
    }
    try {
      await this.options.afterPoll?.();
      this.followUpFailing = false;
    } catch (error) {
      if (!this.followUpFailing) this.options.log.warn('applying ACL users failed', { error });
      this.followUpFailing = true;
    }
    return applied;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      void this.poll().then(() => {
        if (!this.stopped) this.schedule(this.options.intervalMs ?? 2_000);
      });
    }, delayMs);
  }
}
