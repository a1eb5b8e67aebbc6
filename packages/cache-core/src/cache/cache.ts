import { L2UnavailableError } from '../errors.js';
import type { CacheEvents } from '../events.js';
import { assertKey, assertTag } from '../limits.js';
import type { L2Record } from '../record.js';
import type { CacheCore } from './cache-core.js';
import type { L1Entry } from './l1-tier.js';
import type { Loader } from './load-path.js';
import type { ReadPath } from './read-path.js';
import { pickEntry, pickValue, type CacheEntry } from './read-entry.js';
import type { SetOptions, WritePath } from './write-path.js';

/** What each tier holds for a key right now (key browser, tests). */
export interface TierView<V> {
  l1: L1Entry<V> | undefined;
  l2: L2Record | undefined;
}

/** The public face of one namespace's cache; see createCache. */
export class Cache<V> {
  readonly events: CacheEvents;
  private isReady = false;

  constructor(
    private readonly core: CacheCore<V>,
    private readonly reads: ReadPath<V>,
    private readonly writes: WritePath<V>,
    readonly ready: Promise<void>,
    private readonly onClose: () => void,
  ) {
    this.events = core.events;
    void ready.then(() => (this.isReady = true)).catch(() => undefined);
  }

  get namespace(): string {
    return this.core.namespace;
  }

  /** Whether the invalidation bus is subscribed (L1 serves only while it is). */
  get busConnected(): boolean {
    return this.core.bus.connected;
  }

  /** Committed writes still waiting for their L2 write or publish to succeed. */
  get pendingRepairs(): number {
    return this.core.repairs.size;
  }

  // The read paths skip awaiting `ready` once it resolved, and `get` is no async layer of its
  // own: a promise and a microtask less per hit.
  get(key: string): Promise<V | undefined> {
    const reads = this.reads;
    return this.isReady
      ? reads.get(key, pickValue)
      : this.ready.then(() => reads.get(key, pickValue));
  }

  /** As `get`, with the value's version and the tier that answered (read in the same pass). */
  getEntry(key: string): Promise<CacheEntry<V> | undefined> {
    const reads = this.reads;
    return this.isReady
      ? reads.get(key, pickEntry)
      : this.ready.then(() => reads.get(key, pickEntry));
  }

  async getOrLoad(key: string, loader?: Loader<V>): Promise<V | undefined> {
    if (!this.isReady) await this.ready;
    return this.reads.getOrLoad(key, pickValue, loader);
  }

  /**
   * As `getOrLoad`, with version and tier: 'source' when this call's load (or the load it joined
   * in this process) read the source, 'l2' when another process's fill answered.
   */
  async getOrLoadEntry(key: string, loader?: Loader<V>): Promise<CacheEntry<V> | undefined> {
    if (!this.isReady) await this.ready;
    return this.reads.getOrLoad(key, pickEntry, loader);
  }

  /** Resolves with the committed version (0 for a write-behind value still queued). */
  async set(key: string, value: V, options?: SetOptions): Promise<number> {
    const prepared = this.writes.prepare(key, value, options);
    if (!this.isReady) await this.ready;
    const [version] = await this.writes.setMany([prepared]);
    return version ?? 0;
  }

  /** All entries are validated before anything is written; resolves with versions as `set` does. */
  async setMany(
    entries: readonly { key: string; value: V; options?: SetOptions }[],
  ): Promise<number[]> {
    const prepared = entries.map((e) => this.writes.prepare(e.key, e.value, e.options));
    await this.ready;
    return this.writes.setMany(prepared);
  }

  async delete(key: string): Promise<void> {
    await this.ready;
    await this.writes.delete([key]);
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    await this.ready;
    await this.writes.delete(keys);
  }

  /** Fresh values for every key (L1, then L2 by slot, then one source batch); order follows `keys`. */
  async getMany(keys: readonly string[]): Promise<(V | undefined)[]> {
    keys.forEach((key) => {
      assertKey(key);
    });
    await this.ready;
    return this.reads.getMany(keys, pickValue);
  }

  /** As `getMany`, each found value with its version and tier; undefined where absent. */
  async getManyEntries(keys: readonly string[]): Promise<(CacheEntry<V> | undefined)[]> {
    keys.forEach((key) => {
      assertKey(key);
    });
    await this.ready;
    return this.reads.getMany(keys, pickEntry);
  }

  async invalidate(key: string): Promise<void> {
    await this.ready;
    await this.writes.invalidate(key);
  }

  /** O(1): records the time; entries carrying the tag and created before it read as misses. */
  async invalidateTag(tag: string): Promise<void> {
    assertTag(tag);
    await this.ready;
    const core = this.core;
    const time = Date.now();
    try {
      await core.l2.raiseCounter(core.layout.tag(tag), time, core.policy.ttlMs * 2);
      core.tags.raise(tag, time);
      await core.bus.publish('t', tag, time);
    } catch (error) {
      throw new L2UnavailableError('invalidateTag', error);
    }
  }

  /** O(1) namespace flush: a new generation makes every existing entry unreachable. */
  async clearNamespace(): Promise<void> {
    await this.ready;
    const core = this.core;
    try {
      core.generation = await core.l2.bumpCounter(core.layout.generation(), core.generation + 1);
      core.l1.dropAll('flush');
      await core.bus.publish('f', '', core.generation);
    } catch (error) {
      throw new L2UnavailableError('clearNamespace', error);
    }
  }

  async inspect(key: string): Promise<TierView<V>> {
    assertKey(key);
    await this.ready;
    return { l1: this.core.l1.peek(key), l2: await this.core.l2.read(this.core.entryKey(key)) };
  }

  /** Retries queued repairs now (tests, shutdown). */
  async flushRepairs(): Promise<void> {
    await this.core.repairs.flush();
  }

  /**
   * Stops the bus and timers; the Redis client and the source belong to the caller. Resolves at
   * once, also while startup still waits on a Redis that never answers: startup stops too, and
   * calls waiting on `ready` then reject with E_CLOSED.
   */
  close(): Promise<void> {
    if (!this.core.closed) {
      this.core.closed = true;
      this.onClose();
    }
    return Promise.resolve();
  }
}
