// Keeps one redis-server running: spawn (or adopt the one a previous run left), wait for PING,
// restart with backoff when it dies, and stop it cleanly on shutdown. Observers read `restarts` and
// `pid`; nothing here knows prom-client.
import { createInterface } from 'node:readline';
import type { Logger } from '../logger.js';
import { AdoptedProcess } from './adopted-process.js';
import { Backoff } from './backoff.js';
import { spawnProcess, superviseChild } from './child-process.js';
import { tailLines } from './log-tail.js';
import type { SupervisedProcess } from './supervised-process.js';

export interface RedisSupervisorOptions {
  bin: string;
  /** The generated redis.conf, passed as redis-server's only argument. */
  configFile: string;
  /** redis-server's own log; its last lines explain an unexpected exit. */
  logFile?: string;
  /** PING with auth; true once the server answers. */
  ping: () => Promise<boolean>;
  log: Logger;
  backoff?: Backoff;
  readyTimeoutMs?: number;
  stopGraceMs?: number;
  /** Called with the pid after every (re)start or adoption, e.g. to record it in the state file. */
  onSpawn?: (pid: number) => void;
  /** How often an adopted server (not our child) is checked for liveness. */
  adoptedPollMs?: number;
}

const pollMs = 50;

export class RedisSupervisor {
  /** Times the server was started again after dying; exposed as a metric. */
  restarts = 0;
  /** Called each time a (re)started server first answers PING, e.g. to re-apply runtime config. */
  onReady: (() => void) | undefined;
  /** The least time to wait before a restart, e.g. so a cluster replica can take over first. */
  restartDelayFloorMs: (() => number) | undefined;
  private child: SupervisedProcess | undefined;
  private spawnedAt = 0;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  /** A spawn in flight, so stop() can't miss a child that is just being born. */
  private spawning: Promise<void> | undefined;
  private readonly backoff: Backoff;

  constructor(private readonly options: RedisSupervisorOptions) {
    this.backoff = options.backoff ?? new Backoff();
  }

  get pid(): number | undefined {
    return this.child && !this.child.hasExited() ? this.child.pid : undefined;
  }

  /** Starts the server and waits for readiness. Throws only when the binary cannot be run. */
  async start(): Promise<boolean> {
    await this.trackSpawn();
    return this.waitReady();
  }

  /**
   * Supervises a redis-server a previous run left running (verified by the caller) instead of
   * starting one: its data survives the agent's restart. Then as start().
   */
  async adopt(pid: number): Promise<boolean> {
    this.watch(new AdoptedProcess(pid, this.options.adoptedPollMs));
    this.options.log.info('adopted redis-server left running by the previous run', { pid });
    this.options.onSpawn?.(pid);
    return this.waitReady();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    await this.spawning?.catch(() => undefined);
    const child = this.child;
    if (!child) return;
    this.options.log.info('stopping redis-server', { pid: child.pid });
    await child.terminate(this.options.stopGraceMs ?? 10_000);
  }

  private trackSpawn(): Promise<void> {
    this.spawning = this.spawn();
    return this.spawning;
  }

  private async spawn(): Promise<void> {
    const { bin, configFile, log } = this.options;
    const child = await spawnProcess(bin, [configFile]);
    this.watch(superviseChild(child));
    // A later 'error' (e.g. a failed kill) must not crash the agent.
    child.on('error', (error) => {
      log.warn('redis-server process error', { error });
    });
    if (child.stderr) {
      createInterface({ input: child.stderr }).on('line', (text) => {
        log.warn('redis-server stderr', { text });
      });
    }
    log.info('redis-server started', { pid: child.pid });
    if (child.pid !== undefined) this.options.onSpawn?.(child.pid);
  }

  private watch(child: SupervisedProcess): void {
    this.child = child;
    this.spawnedAt = Date.now();
    child.onExit((code, signal) => {
      this.onExit(child, code, signal);
    });
  }

  /** Polls PING until it answers, the child dies, or the deadline passes. */
  private async waitReady(): Promise<boolean> {
    const child = this.child;
    const deadline = Date.now() + (this.options.readyTimeoutMs ?? 15_000);
    while (child && !child.hasExited() && !this.stopping) {
      if (await this.options.ping()) {
        this.options.log.info('redis-server ready', { pid: child.pid });
        this.onReady?.();
        return true;
      }
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    this.options.log.warn('redis-server not ready', { pid: child?.pid });
    return false;
  }

  private onExit(
    child: SupervisedProcess,
    code: number | null,
    signal: NodeJS.Signals | null,
  ): void {
    if (this.stopping) {
      this.options.log.info('redis-server stopped', { pid: child.pid, code, signal });
      return;
    }
    const backoffMs = this.backoff.nextDelay(Date.now() - this.spawnedAt);
    const delayMs = Math.max(backoffMs, this.restartDelayFloorMs?.() ?? 0);
    this.scheduleRestart(delayMs);
    void this.reportExit({ pid: child.pid, code, signal, delayMs });
  }

  private async reportExit(fields: Record<string, unknown>): Promise<void> {
    const { logFile, log } = this.options;
    const redisLog = logFile ? await tailLines(logFile) : [];
    log.error('redis-server exited unexpectedly; restarting', { ...fields, redisLog });
  }

  private scheduleRestart(delayMs: number): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      void this.restart();
    }, delayMs);
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    this.restarts += 1;
    try {
      await this.trackSpawn();
    } catch (error) {
      // Could not even spawn (binary removed?): keep trying with growing delays.
      const delayMs = this.backoff.nextDelay(0);
      this.options.log.error('redis-server failed to start', { error, delayMs });
      this.scheduleRestart(delayMs);
      return;
    }
    await this.waitReady();
  }
}
