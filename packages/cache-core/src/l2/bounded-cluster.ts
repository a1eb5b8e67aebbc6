import { Cluster, type Command } from 'ioredis';

/**
 * An ioredis Cluster whose commands time out counted from when they were issued. ioredis starts
 * `commandTimeout` only when a node connection takes the command; while the Cluster itself is not
 * ready (connecting, or reconnecting after losing every node, e.g. refused credentials) it keeps
 * commands in its own offline queue with no limit at all (ioredis issue #1604): its caller waits
 * with no bound (an SDK read never falls back to the agents, an agent's data request never
 * answers). The queue itself stays: a command issued during a short reconnect still runs when the
 * Cluster is back within the bound.
 */
export class BoundedCluster extends Cluster {
  /** Commands that failed while queued: ioredis would still send them once ready (#2130). */
  private readonly abandoned = new WeakSet<Command>();

  override sendCommand(command: Command, stream?: unknown, node?: unknown): unknown {
    if (this.abandoned.has(command)) return command.promise;
    // The timer a node connection starts when it takes the command (Command.setTimeout keeps
    // the first one), started now instead; the same option, so there is one bound to tune.
    const timeoutMs = this.options.redisOptions?.commandTimeout;
    if (timeoutMs !== undefined) command.setTimeout(timeoutMs);
    if (this.status !== 'ready') {
      // Its caller was told it failed: it must not run later, a write above all.
      command.promise.catch(() => this.abandoned.add(command));
    }
    return super.sendCommand(command, stream as Parameters<Cluster['sendCommand']>[1], node);
  }
}
