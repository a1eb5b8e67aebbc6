import { randomBytes } from 'node:crypto';
import { InvalidationBus } from '../bus/invalidation-bus.js';
import { errorMessage } from '../errors.js';
import { KeyLayout } from '../keys.js';
import { defineScripts, type RedisClient } from '../l2/redis-client.js';
import { RedisDriver } from '../l2/redis-driver.js';
import { jsonSerializer, type Serializer } from '../serializer.js';
import type { Source } from '../source/source.js';
import { drainGroup } from './queue.js';
import { chainsByKey, parseAutoClaim, parseReadGroup, type StreamEntry } from './stream-entries.js';

export interface DrainerOptions<V> {
  client: RedisClient;
  namespace: string;
  source: Source<V>;
  /** Must match the namespace policy's writeBehindPartitions. */
  partitions?: number;
  serializer?: Serializer<V>;
  batchSize?: number;
  /** Attempts per entry before it goes to the dead-letter list. */
  maxAttempts?: number;
  retryBaseMs?: number;
  /** TTL of the L2 entry once its write reached the source. */
  ttlMs?: number;
  tombstoneTtlMs?: number;
  idleMs?: number;
}

/** An entry the source refused `maxAttempts` times, as stored in the dead-letter list. */
export interface DeadLetter {
  id: string;
  op: string;
  key: string;
  payload: string;
  error: string;
  attempts: number;
  at: number;
}

const noop = (): void => undefined;

/**
 * Drains a write-behind namespace into its source. Each partition is drained by one drainer at a
 * time (a lease), in stream order per key; different keys go in parallel, so an entry that keeps
 * failing delays only its own key until it is dead-lettered. Crash-safe: entries are acknowledged
 * (and deleted) only after the source committed them, and a new lease holder claims the pending ones.
 */
export class WriteBehindDrainer<V> {
  private readonly layout: KeyLayout;
  private readonly driver: RedisDriver;
  private readonly bus: InvalidationBus;
  private readonly serializer: Serializer<V>;
  private readonly consumer = `drainer-${randomBytes(6).toString('hex')}`;
  private readonly groups = new Set<number>();
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: DrainerOptions<V>) {
    this.layout = new KeyLayout(options.namespace);
    defineScripts(options.client);
    this.driver = new RedisDriver({ client: options.client });
    this.bus = new InvalidationBus(options.client, this.layout.channel(), {
      message: noop,
      gap: noop,
      down: noop,
    });
    this.serializer = options.serializer ?? jsonSerializer<V>();
  }

  private get partitions(): number {
    return this.options.partitions ?? 8;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Drains every partition this drainer can lease until all are empty; returns entries handled. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      let round = 0;
      for (let p = 0; p < this.partitions; p++) round += await this.drainBatch(p);
      total += round;
      if (round === 0) return total;
    }
  }

  async deadLetters(): Promise<DeadLetter[]> {
    const items = await this.options.client.lrange(this.layout.deadLetters(), 0, -1);
    return items.map((item) => JSON.parse(item) as DeadLetter);
  }

  private async run(): Promise<void> {
    while (this.running) {
      const handled = await this.drain().catch(() => 0);
      if (handled === 0) await new Promise((r) => setTimeout(r, this.options.idleMs ?? 100));
    }
  }

  private async drainBatch(partition: number): Promise<number> {
    if (!(await this.holdLease(partition))) return 0;
    const stream = this.layout.stream(partition);
    await this.ensureGroup(partition, stream);
    const { client } = this.options;
    const count = this.options.batchSize ?? 100;
    // Pending entries first (ours after a crash, or a dead drainer's): we hold the partition alone.
    let entries = parseAutoClaim(
      await client.xautoclaim(stream, drainGroup, this.consumer, 0, '0-0', 'COUNT', count),
    );
    if (entries.length === 0) {
      const raw = await client.xreadgroup(
        'GROUP',
        drainGroup,
        this.consumer,
        'COUNT',
        count,
        'STREAMS',
        stream,
        '>',
      );
      entries = parseReadGroup(raw);
    }
    if (entries.length === 0) return 0;
    const generation = await this.driver.readCounter(this.layout.generation());
    await Promise.all(
      chainsByKey(entries).map((chain) => this.drainChain(stream, generation, chain)),
    );
    return entries.length;
  }

  private async drainChain(
    stream: string,
    generation: number,
    chain: readonly StreamEntry[],
  ): Promise<void> {
    for (const entry of chain) {
      const error = await this.applyWithRetries(generation, entry);
      if (error !== undefined) await this.deadLetter(entry, error);
      await this.options.client
        .multi()
        .xack(stream, drainGroup, entry.id)
        .xdel(stream, entry.id)
        .exec();
    }
  }

  /** Resolves undefined on success, else the last error after `maxAttempts`. */
  private async applyWithRetries(
    generation: number,
    entry: StreamEntry,
  ): Promise<string | undefined> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    let lastError = '';
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        await this.apply(generation, entry);
        return undefined;
      } catch (error) {
        lastError = errorMessage(error);
        if (attempt < maxAttempts)
          await new Promise((r) => setTimeout(r, (this.options.retryBaseMs ?? 20) * 2 ** attempt));
      }
    }
    return lastError;
  }

  private async apply(generation: number, entry: StreamEntry): Promise<void> {
    const { source } = this.options;
    const versions =
      entry.op === 'set'
        ? await source.store([
            { key: entry.key, value: this.serializer.deserialize(entry.payload) },
          ])
        : await source.remove([entry.key]);
    const version = versions.get(entry.key);
    if (version === undefined) throw new Error('source returned no version');
    const ttlMs =
      entry.op === 'set'
        ? (this.options.ttlMs ?? 600_000)
        : (this.options.tombstoneTtlMs ?? 30_000);
    const entryKey = this.layout.entry(generation, entry.key);
    await this.driver.settle(entryKey, entry.id, version, ttlMs);
    await this.bus.publish('k', entry.key, version).catch(noop);
  }

  private async deadLetter(entry: StreamEntry, error: string): Promise<void> {
    const { client } = this.options;
    const letter: DeadLetter = {
      ...entry,
      error,
      attempts: this.options.maxAttempts ?? 5,
      at: Date.now(),
    };
    await client.lpush(this.layout.deadLetters(), JSON.stringify(letter));
    // The refused value must not stay visible in L2 as if it had been written.
    const generation = await this.driver.readCounter(this.layout.generation());
    await this.driver.discardPending(this.layout.entry(generation, entry.key), entry.id);
    await this.bus.publish('k', entry.key, Number.MAX_SAFE_INTEGER).catch(noop);
  }

  private async holdLease(partition: number): Promise<boolean> {
    const { client } = this.options;
    const key = this.layout.streamLease(partition);
    if ((await client.set(key, this.consumer, 'PX', 10_000, 'NX')) === 'OK') return true;
    if ((await client.get(key)) !== this.consumer) return false;
    await client.pexpire(key, 10_000);
    return true;
  }

  private async ensureGroup(partition: number, stream: string): Promise<void> {
    if (this.groups.has(partition)) return;
    try {
      await this.options.client.xgroup('CREATE', stream, drainGroup, '0', 'MKSTREAM');
    } catch (error) {
      if (!errorMessage(error).includes('BUSYGROUP')) throw error;
    }
    this.groups.add(partition);
  }
}
