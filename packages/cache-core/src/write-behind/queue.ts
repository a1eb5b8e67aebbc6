import type { KeyLayout } from '../keys.js';
import type { L2Driver } from '../l2/driver.js';
import type { RedisClient } from '../l2/redis-client.js';
import { keySlot } from '../slot.js';

export type QueuedOp = 'set' | 'delete';

/** Consumer group every drainer of a namespace joins. */
export const drainGroup = 'cachefleet-drain';

/** A key's partition: its slot modulo the partition count, stable across processes. */
export function partitionOf(key: string, partitions: number): number {
  return keySlot(key) % partitions;
}

export interface WriteBehindQueueOptions {
  client: RedisClient;
  l2: L2Driver;
  layout: KeyLayout;
  partitions: number;
  ttlMs: () => number;
  entryKey: (key: string) => string;
}

/**
 * The writing side of write-behind: a durable append (XADD) to the key's partition stream, then the
 * value goes to L2 as "pending" (carrying the stream id) so every process reads it before it reaches
 * the source. `set` resolves after both.
 */
export class WriteBehindQueue {
  constructor(private readonly options: WriteBehindQueueOptions) {}

  async enqueue(
    op: QueuedOp,
    key: string,
    payload: string,
    tags: readonly string[],
  ): Promise<string> {
    const { client, l2, layout, partitions, ttlMs, entryKey } = this.options;
    const stream = layout.stream(partitionOf(key, partitions));
    const fields = ['op', op, 'key', key, 'val', payload, 'tags', JSON.stringify(tags)];
    const id = await client.xadd(stream, '*', ...fields);
    if (id === null) throw new Error('XADD returned no id');
    const now = Date.now();
    const kind = op === 'set' ? 'value' : 'tombstone';
    const record = {
      kind,
      version: 0,
      payload,
      softExpiresAt: now + ttlMs(),
      createdAt: now,
      tags,
      pendingId: id,
    } as const;
    await l2.write(entryKey(key), record, ttlMs(), 'pending');
    return id;
  }
}
