import { CacheError, L2UnavailableError, NoSourceError, SourceError } from '../errors.js';
import { assertKey, assertTag, assertValueSize } from '../limits.js';
import { serializeOrThrow } from '../serializer.js';
import type { WriteBehindQueue } from '../write-behind/queue.js';
import type { CacheCore } from './cache-core.js';

export interface SetOptions {
  /** Tags for invalidateTag. */
  tags?: readonly string[];
  /** Overrides the namespace's hard TTL for this entry. */
  ttlMs?: number;
}

interface Prepared<V> {
  key: string;
  value: V;
  payload: string;
  tags: readonly string[];
  ttlMs: number | undefined;
}

type VersionOf = (key: string, index: number) => number | undefined;

function byKey(versions: ReadonlyMap<string, number>): VersionOf {
  return (key) => versions.get(key);
}

function byIndex(versions: readonly number[]): VersionOf {
  return (_key, index) => versions[index];
}

/** Largest version any write can have: "drop whatever you hold for this key". */
const dropAll = Number.MAX_SAFE_INTEGER;

/**
 * set / delete per write mode. Everything is validated before any tier is touched; in
 * write-through nothing reaches L2, the bus or L1 unless the source committed.
 */
export class WritePath<V> {
  /** `jsonPayloads`: the cache serializes as JSON, so a payload is also the value's JSON text. */
  constructor(
    private readonly core: CacheCore<V>,
    private readonly queue: WriteBehindQueue,
    private readonly jsonPayloads: boolean,
  ) {}

  prepare(key: string, value: V, options: SetOptions = {}): Prepared<V> {
    this.core.assertOpen();
    assertKey(key);
    const tags = options.tags ?? [];
    tags.forEach((tag) => {
      assertTag(tag);
    });
    if (options.ttlMs !== undefined && !(options.ttlMs > 0)) {
      throw new CacheError('E_INVALID_OPTION', 'ttlMs must be > 0');
    }
    const payload = serializeOrThrow(this.core.serializer, value);
    assertValueSize(payload, this.core.policy.maxValueBytes);
    return { key, value, payload, tags, ttlMs: options.ttlMs };
  }

  /**
   * Resolves with each entry's committed version, in order; a write-behind entry is only queued
   * and answers 0 (older than any commit).
   */
  async setMany(entries: readonly Prepared<V>[]): Promise<number[]> {
    if (entries.length === 0) return [];
    const mode = this.core.policy.writeMode;
    if (mode === 'write-behind') {
      for (const entry of entries)
        await this.queue.enqueue('set', entry.key, entry.payload, entry.tags);
      entries.forEach((entry) => {
        this.afterQueued(entry.key);
      });
      return entries.map(() => 0);
    }
    const [only] = entries;
    if (entries.length === 1 && only !== undefined) return [await this.setOne(only)];
    const versionOf =
      mode === 'write-through'
        ? byKey(await this.store(entries))
        : byIndex(await this.counterVersions(entries.length));
    return Promise.all(
      entries.map(async (entry, i) => {
        const version = versionOf(entry.key, i);
        if (version === undefined) throw new SourceError('store', `no version returned for a key`);
        await this.propagateSet(entry, version);
        return version;
      }),
    );
  }

  /** `set`: the same steps for one entry, with no batch bookkeeping between commit and L2. */
  private async setOne(entry: Prepared<V>): Promise<number> {
    const version =
      this.core.policy.writeMode === 'write-through'
        ? (await this.store([entry])).get(entry.key)
        : (await this.counterVersions(1))[0];
    if (version === undefined) throw new SourceError('store', `no version returned for a key`);
    await this.propagateSet(entry, version);
    return version;
  }

  private propagateSet(entry: Prepared<V>, version: number): Promise<void> {
    const core = this.core;
    const { record, ttlMs } = core.makeRecord(
      'value',
      version,
      entry.payload,
      entry.tags,
      entry.ttlMs,
    );
    return core.propagate(entry.key, record, ttlMs, entry.value);
  }

  async delete(keys: readonly string[]): Promise<void> {
    const core = this.core;
    core.assertOpen();
    keys.forEach((key) => {
      assertKey(key);
    });
    const mode = core.policy.writeMode;
    if (mode === 'write-behind') {
      for (const key of keys) await this.queue.enqueue('delete', key, '', []);
      keys.forEach((key) => {
        this.afterQueued(key);
      });
      return;
    }
    const versionOf =
      mode === 'write-through'
        ? byKey(await this.remove(keys))
        : byIndex(await this.counterVersions(keys.length));
    await Promise.all(
      keys.map(async (key, i) => {
        const version = versionOf(key, i);
        if (version === undefined) throw new SourceError('remove', 'no version returned for a key');
        const { record, ttlMs } = core.makeRecord('tombstone', version, '', []);
        await core.propagate(key, record, ttlMs);
      }),
    );
  }

  /** Drops the cached copies of a key everywhere; the source is untouched. */
  async invalidate(key: string): Promise<void> {
    const core = this.core;
    core.assertOpen();
    assertKey(key);
    core.l1.delete(key);
    try {
      await core.l2.remove(core.entryKey(key));
      await core.bus.publish('k', key, dropAll);
    } catch (error) {
      throw new L2UnavailableError('invalidate', error);
    }
  }

  private afterQueued(key: string): void {
    // The queued value lives in L2 (pending); other L1s drop theirs, ours re-reads it from L2.
    this.core.l1.delete(key);
    this.core.bus.publish('k', key, dropAll).catch((error: unknown) => {
      this.core.l2Failed('publish', error);
    });
  }

  private async store(entries: readonly Prepared<V>[]): Promise<Map<string, number>> {
    const source = this.requireSource('set');
    try {
      // The source may send the payload made for L2 instead of serializing the value again.
      const json = this.jsonPayloads;
      return await source.store(
        entries.map(({ key, value, payload }) => ({
          key,
          value,
          json: json ? payload : undefined,
        })),
      );
    } catch (error) {
      throw error instanceof CacheError ? error : new SourceError('store', error);
    }
  }

  private async remove(keys: readonly string[]): Promise<Map<string, number>> {
    const source = this.requireSource('delete');
    try {
      return await source.remove(keys);
    } catch (error) {
      throw error instanceof CacheError ? error : new SourceError('remove', error);
    }
  }

  /** cache-aside: versions from the namespace counter, one per write, in call order. */
  private async counterVersions(count: number): Promise<number[]> {
    const core = this.core;
    const versions: number[] = [];
    try {
      for (let i = 0; i < count; i++) {
        versions.push(await core.l2.bumpCounter(core.layout.versionCounter(), 0));
      }
    } catch (error) {
      throw new L2UnavailableError('version', error);
    }
    return versions;
  }

  private requireSource(operation: string): NonNullable<CacheCore<V>['source']> {
    const source = this.core.source;
    if (source === undefined) throw new NoSourceError(operation);
    return source;
  }
}
