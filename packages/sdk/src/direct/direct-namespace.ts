import type { CacheEvents } from '@cachefleet/cache-core';
import { CachefleetError, toCachefleetError } from '../errors.js';
import type {
  InvalidateTarget,
  NamespaceClient,
  SetManyEntry,
  WriteOptions,
} from '../namespace-client.js';
import { writeTags } from './agent-source.js';
import { connectDirect, type DirectConnection, type DirectOptions } from './connection.js';
import { checkBatch, checkKey, checkTags, checkWritable } from './guards.js';

function rethrow(error: unknown): never {
  throw toCachefleetError(error);
}

/**
 * Direct mode: cache-core embedded in the service. Reads are served by its L1 near cache (kept
 * honest by the namespace's invalidation bus), then by L2 read straight from Redis as the API key's
 * ACL user; misses and writes go through an agent's data API, which reads through and writes
 * through to PostgreSQL. The writer's own L1 holds what it wrote (read-your-writes).
 */
export class DirectNamespace<T> implements NamespaceClient<T> {
  readonly mode = 'direct';
  private connection: DirectConnection<T> | undefined;
  private connecting: Promise<DirectConnection<T>> | undefined;
  private closed = false;

  constructor(
    readonly name: string,
    private readonly options: DirectOptions,
  ) {}

  async ready(): Promise<void> {
    await this.connect();
  }

  /** The embedded cache's events (hits and misses by tier, loads, evictions, bus gaps) for metrics. */
  async events(): Promise<CacheEvents> {
    return (await this.connect()).cache.events;
  }

  // The L1 hit path: no async layer of its own, one promise hop after cache-core's answer.
  get(key: string): Promise<T | undefined> {
    const connection = this.connection;
    if (connection === undefined) return this.connect().then(() => this.get(key));
    try {
      checkKey(connection, key);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return connection.cache
      .get(key)
      .then((value) => (value !== undefined ? value : this.readThrough(connection, key)), rethrow);
  }

  /** L1 and L2 per key, then one agent batch for the keys neither holds. */
  async getMany(keys: readonly string[]): Promise<(T | undefined)[]> {
    const connection = await this.connect();
    checkBatch(keys.length);
    keys.forEach((key) => {
      checkKey(connection, key);
    });
    const { cache, agents } = connection;
    const values = await Promise.all(keys.map((key) => cache.get(key))).catch(rethrow);
    const missing = [...new Set(keys.filter((_key, i) => values[i] === undefined))];
    if (missing.length === 0) return values;
    const loaded = await agents.load(missing).catch(rethrow);
    return keys.map((key, i) => values[i] ?? loaded.get(key)?.value);
  }

  async set(key: string, value: T, options: WriteOptions = {}): Promise<void> {
    await this.setMany([{ key, value, tags: options.tags }]);
  }

  async setMany(entries: readonly SetManyEntry<T>[]): Promise<void> {
    const connection = await this.writable();
    checkBatch(entries.length);
    const tags = new Map<string, readonly string[]>();
    for (const entry of entries) {
      checkKey(connection, entry.key);
      checkTags(connection, entry.tags);
      if (entry.tags !== undefined) tags.set(entry.key, entry.tags);
    }
    const prepared = entries.map(({ key, value, tags: entryTags }) => ({
      key,
      value,
      options: { tags: entryTags },
    }));
    await writeTags.run(tags, () => connection.cache.setMany(prepared)).catch(rethrow);
  }

  async delete(key: string): Promise<void> {
    const connection = await this.writable();
    checkKey(connection, key);
    await connection.cache.delete(key).catch(rethrow);
  }

  /** Cache-only, so cache-core does it here: L2 removal (or a tag time) and a bus message. */
  async invalidate(target: InvalidateTarget): Promise<void> {
    const connection = await this.writable();
    if ('tag' in target) {
      checkTags(connection, [target.tag]);
      await connection.cache.invalidateTag(target.tag).catch(rethrow);
      return;
    }
    checkBatch(target.keys.length);
    target.keys.forEach((key) => {
      checkKey(connection, key);
    });
    await Promise.all(target.keys.map((key) => connection.cache.invalidate(key))).catch(rethrow);
  }

  async close(): Promise<void> {
    this.closed = true;
    const connecting = this.connecting;
    this.connecting = undefined;
    this.connection = undefined;
    const connection = await connecting?.catch(() => undefined);
    this.connection = undefined;
    await connection?.close();
  }

  /**
   * A miss of L1 and L2 goes to an agent, which reads through (under the key's load lease) and
   * fills L2; one more L2 read then fills this L1. cache-core's own read-through is not used here:
   * it would take the same lease the agent then waits for.
   */
  private async readThrough(connection: DirectConnection<T>, key: string): Promise<T | undefined> {
    try {
      const loaded = (await connection.agents.load([key])).get(key);
      // The second L2 read only fills L1, which holds nothing while the bus is down; and then
      // Redis itself may be what is down, where the read would only wait for its timeout.
      if (loaded !== undefined && connection.cache.busConnected) await connection.cache.get(key);
      return loaded?.value;
    } catch (error) {
      return rethrow(error);
    }
  }

  private async writable(): Promise<DirectConnection<T>> {
    const connection = await this.connect();
    checkWritable(connection, this.name);
    return connection;
  }

  private connect(): Promise<DirectConnection<T>> {
    if (this.closed) {
      return Promise.reject(new CachefleetError('E_CLOSED', `namespace ${this.name} is closed`));
    }
    // A failed attempt is forgotten, so the next call tries again.
    this.connecting ??= connectDirect<T>(this.options).then(
      (connection) => (this.connection = connection),
      (error: unknown) => {
        this.connecting = undefined;
        throw toCachefleetError(error);
      },
    );
    return this.connecting;
  }
}
