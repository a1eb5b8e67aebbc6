import { Redis } from 'ioredis';
import type { Cluster, RedisOptions } from 'ioredis';
import { isCluster, type RedisClient } from '../l2/redis-client.js';
import { keySlot } from '../slot.js';

export interface ShardSubscriberHandlers {
  message(text: string): void;
  /** Subscribed (first time or again): whatever was missed meanwhile is unknown. */
  up(): void;
  /**
   * The subscription is gone, or an attempt to get it back failed (`error` says why: refused
   * SSUBSCRIBE, authentication, connection); messages may be lost until `up`.
   */
  down(error: Error): void;
}

const maxBackoffMs = 1000;

/**
 * Holds one SSUBSCRIBE on a dedicated connection to the node that owns the channel's slot. It does
 * its own reconnecting (ioredis' auto-resubscribe is off) so that every loss of the subscription is
 * reported, and it re-resolves the owner each time, which follows failovers and slot moves.
 */
export class ShardSubscriber {
  private connection: Redis | undefined;
  private closed = false;
  private attempts = 0;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(
    private readonly client: RedisClient,
    private readonly channel: string,
    private readonly handlers: ShardSubscriberHandlers,
  ) {}

  /** The first attempt; resolves when it subscribed or failed (and a retry is scheduled). */
  start(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.connect().catch((error: unknown) => {
      this.retryAfter(asError(error));
    });
  }

  /** Drops the current subscription and subscribes again (after a topology change). */
  restart(): void {
    if (this.closed) return;
    this.teardown();
    this.handlers.down(new Error(`re-subscribing to ${this.channel} after a topology change`));
    this.schedule(0);
  }

  /** Also ends an attempt in progress: whatever it opens afterwards is closed at once. */
  close(): void {
    this.closed = true;
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.teardown();
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    const connection = new Redis({ ...(await this.ownerOptions()), lazyConnect: true });
    if (this.closed || generation !== this.generation) {
      connection.disconnect();
      return;
    }
    this.connection = connection;
    connection.on('smessage', (channel: string, text: string) => {
      if (channel === this.channel) this.handlers.message(text);
    });
    // A server-side SUNSUBSCRIBE (slot moved) reaches ioredis as an unexpected reply, i.e. an error.
    connection.on('error', (error: Error) => {
      this.lost(generation, error);
    });
    connection.on('close', () => {
      this.lost(generation, new Error(`the subscription to ${this.channel} was closed`));
    });
    try {
      await connection.connect();
      await connection.ssubscribe(this.channel);
    } catch (error) {
      this.lost(generation, asError(error));
      return;
    }
    // close() moves the generation on too: a subscription confirmed after it is not reported.
    if (generation !== this.generation) return;
    this.attempts = 0;
    this.handlers.up();
  }

  private lost(generation: number, error: Error): void {
    // close() moves the generation on too: a subscription confirmed after it is not reported.
    if (generation !== this.generation) return;
    this.generation++;
    this.teardown();
    this.handlers.down(error);
    this.attempts++;
    this.schedule(Math.min(maxBackoffMs, 25 * 2 ** this.attempts));
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.connect().catch((error: unknown) => {
        this.retryAfter(asError(error));
      });
    }, delayMs);
  }

  /** No owner to connect to (topology unknown yet): as lost as a refused subscription. */
  private retryAfter(error: Error): void {
    if (this.closed) return;
    this.handlers.down(error);
    this.schedule(maxBackoffMs);
  }

  private teardown(): void {
    const connection = this.connection;
    this.connection = undefined;
    if (connection === undefined) return;
    connection.removeAllListeners();
    connection.on('error', () => undefined);
    connection.disconnect();
  }

  private async ownerOptions(): Promise<RedisOptions> {
    const base: RedisOptions = {
      autoResubscribe: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      enableAutoPipelining: false,
      connectTimeout: 2000,
      // An SSUBSCRIBE a stalled server never confirms is a failed attempt, retried, not a wait.
      commandTimeout: 5000,
    };
    const client = this.client;
    if (!isCluster(client)) return { ...client.options, ...base };
    const [host, port] = await channelOwner(client, this.channel);
    return { ...client.options.redisOptions, ...base, host, port };
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** host and port of the primary serving the channel's slot, after a fresh look at the topology. */
async function channelOwner(cluster: Cluster, channel: string): Promise<[string, number]> {
  await new Promise<void>((resolve) => {
    cluster.refreshSlotsCache(() => {
      resolve();
    });
  });
  const nodeKey = cluster.slots[keySlot(channel)]?.[0];
  if (nodeKey === undefined) throw new Error('no node owns the bus channel slot yet');
  const colon = nodeKey.lastIndexOf(':');
  return [nodeKey.slice(0, colon), Number(nodeKey.slice(colon + 1))];
}
