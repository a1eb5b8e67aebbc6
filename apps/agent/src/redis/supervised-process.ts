/**
 * A redis-server the supervisor watches: either its own child, or one a previous run of the agent
 * left running and this run adopted (no ChildProcess handle, so its exit is seen by polling).
 */
export interface SupervisedProcess {
  readonly pid: number | undefined;
  hasExited(): boolean;
  /** Called once, when the process is seen to have exited. */
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it is gone. */
  terminate(graceMs: number): Promise<void>;
}
