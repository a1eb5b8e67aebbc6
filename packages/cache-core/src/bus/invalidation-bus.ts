import { randomBytes } from 'node:crypto';
import type { ShardMessage } from '../l2/driver.js';
import { sendNow } from '../l2/direct-command.js';
import type { RedisClient } from '../l2/redis-client.js';
import {
  decodeBusMessage,
  encodeBusMessage,
  isFrom,
  type BusMessage,
  type BusMessageKind,
} from './message.js';
import { ShardSubscriber } from './shard-subscriber.js';

export interface BusListener {
  /** A message from another publisher, in order. */
  message(message: BusMessage): void;
  /** Something may have been missed: the listener must forget what the bus would have corrected. */
  gap(reason: 'sequence' | 'reconnect'): void;
  /**
   * No subscription right now (`error` says why; reported again for every failed attempt): the
   * listener must not trust its L1 until `gap('reconnect')`.
   */
  down(error: Error): void;
}

/**
 * Invalidation bus of one namespace on Redis sharded pub/sub. Publishes carry a per-publisher
 * sequence; subscribers report a gap when a sequence skips, and on every (re)subscription.
 */
export class InvalidationBus {
  readonly publisherId = randomBytes(8).toString('hex');
  private sequence = 0;
  private readonly lastSeen = new Map<string, number>();
  private readonly subscriber: ShardSubscriber;
  private up = false;

  constructor(
    private readonly client: RedisClient,
    private readonly channel: string,
    private readonly listener: BusListener,
  ) {
    this.subscriber = new ShardSubscriber(client, channel, {
      message: (text) => {
        this.receive(text);
      },
      up: () => {
        this.up = true;
        this.lastSeen.clear();
        this.listener.gap('reconnect');
      },
      down: (error) => {
        this.up = false;
        this.listener.down(error);
      },
    });
  }

  get connected(): boolean {
    return this.up;
  }

  start(): Promise<void> {
    return this.subscriber.start();
  }

  /** Re-subscribes, e.g. after the channel's slot changed owner. */
  restart(): void {
    this.subscriber.restart();
  }

  async publish(kind: BusMessageKind, subject: string, version: number): Promise<void> {
    const { channel, message } = this.prepare(kind, subject, version);
    // Sent at once, as the write script that also publishes is (see direct-command.ts): an
    // auto-pipelined publish would reach Redis after a later-numbered message, a false gap.
    await sendNow(this.client, 'spublish', [channel, message]);
  }

  /**
   * Encodes the next message for someone else to send (the L2 write script, see
   * L2Driver.commitAndPublish). Its sequence number is spent now, so it must be sent at once, in
   * order with this bus's other publishes; if it is lost, subscribers see a gap, which is what
   * should happen when a message may have been lost.
   */
  prepare(kind: BusMessageKind, subject: string, version: number): ShardMessage {
    const sequence = ++this.sequence;
    const message = encodeBusMessage({
      kind,
      publisher: this.publisherId,
      sequence,
      subject,
      version,
    });
    return { channel: this.channel, message };
  }

  close(): void {
    this.up = false;
    this.subscriber.close();
  }

  private receive(text: string): void {
    // Every publisher hears its own messages back (Redis has no opt-out): skip them unparsed.
    if (isFrom(text, this.publisherId)) return;
    const message = decodeBusMessage(text);
    if (message === undefined) {
      this.listener.gap('sequence');
      return;
    }
    if (message.publisher === this.publisherId) return;
    const last = this.lastSeen.get(message.publisher);
    this.lastSeen.set(message.publisher, message.sequence);
    if (last !== undefined && message.sequence !== last + 1) {
      this.listener.gap('sequence');
      return;
    }
    this.listener.message(message);
  }
}
