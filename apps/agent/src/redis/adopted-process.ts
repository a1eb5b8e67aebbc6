// A redis-server started by a previous run of the agent. It is not our child, so no 'exit' event
// arrives: liveness is polled by pid, and a pid that now belongs to something else, or a zombie
// left unreaped in a container without init, counts as exited.
import { isLiveProcess, isRunning, terminatePid } from '../run/processes.js';
import type { SupervisedProcess } from './supervised-process.js';

export const adoptedPollMs = 250;

export async function isRedisServerRunning(pid: number): Promise<boolean> {
  return (await isRunning(pid)) && (await isLiveProcess(pid, /redis-server/, true));
}

export class AdoptedProcess implements SupervisedProcess {
  private exited = false;
  private timer: NodeJS.Timeout | undefined;
  private listener: ((code: null, signal: null) => void) | undefined;

  constructor(
    readonly pid: number,
    private readonly pollMs = adoptedPollMs,
  ) {
    this.schedule();
  }

  hasExited(): boolean {
    return this.exited;
  }

  onExit(listener: (code: null, signal: null) => void): void {
    this.listener = listener;
  }

  async terminate(graceMs: number): Promise<void> {
    if (this.exited) return;
    await terminatePid(this.pid, graceMs);
    this.markExited();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      void this.check();
    }, this.pollMs);
  }

  private async check(): Promise<void> {
    const running = await isRedisServerRunning(this.pid);
    if (this.exited) return;
    if (running) this.schedule();
    else this.markExited();
  }

  /** Exit code and signal of a process that is not our child are unknown. */
  private markExited(): void {
    if (this.exited) return;
    this.exited = true;
    clearTimeout(this.timer);
    this.listener?.(null, null);
  }
}
