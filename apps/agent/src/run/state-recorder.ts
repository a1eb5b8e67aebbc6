// Keeps the state file in step with the running agent; writes are queued so a quick redis restart
// can't interleave two writes.
import type { Logger } from '../logger.js';
import { removeState, statePath, writeState, type AgentState } from './state-file.js';

export class StateRecorder {
  readonly file: string;
  private state: Partial<AgentState> = { redisPid: null, startedAt: new Date().toISOString() };
  private queue: Promise<void> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.file = statePath(dataDir);
  }

  /** Merges and writes once pid and both ports are known. */
  update(change: Partial<AgentState>): void {
    this.state = { ...this.state, ...change };
    const { pid, agentPort, redisPort, redisPid, startedAt, redisConfigHash } = this.state;
    if (pid === undefined || agentPort === undefined || redisPort === undefined) return;
    if (redisPid === undefined || startedAt === undefined) return;
    const complete: AgentState = { pid, agentPort, redisPort, redisPid, startedAt };
    if (redisConfigHash !== undefined) complete.redisConfigHash = redisConfigHash;
    this.queue = this.queue
      .then(() => writeState(this.file, complete))
      .catch((error: unknown) => {
        this.log.warn('could not write state file', { file: this.file, error });
      });
  }

  async remove(): Promise<void> {
    await this.queue;
    await removeState(this.file);
  }
}
