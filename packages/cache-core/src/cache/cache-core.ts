import type { InvalidationBus } from '../bus/invalidation-bus.js';
import { CacheClosedError, L2UnavailableError, errorMessage } from '../errors.js';
import type { CacheEventMap, CacheEvents } from '../events.js';
import type { KeyLayout } from '../keys.js';
import type { CommitOutcome, L2Driver } from '../l2/driver.js';
import type { L2Record, RecordKind } from '../record.js';
import type { Serializer } from '../serializer.js';
import { CoarseClock } from '../l1/coarse-clock.js';
import type { Source } from '../source/source.js';
import type { FillGuard, L1Entry, L1Tier } from './l1-tier.js';
import { jittered, type CachePolicy } from './policy.js';
import type { RepairQueue } from './repair-queue.js';
import type { TagTimes } from './tag-times.js';

/** The state every path of one cache shares; the paths are split into files, the state is not. */
export class CacheCore<V> {
  generation = 0;
  closed = false;
  /**
   * The clock reads judge freshness by (soft expiry, early refresh): read at most once per
   * millisecond, as L1's max-age check is, so a hit pays no `Date.now()` (about 50 ns, a sixth of
   * an L1 hit through `get`). A value may be served as fresh up to 1 ms past its soft expiry.
   * Writes stamp records with `Date.now()` itself.
   */
  readonly clock = new CoarseClock(Date.now, 1);
  /** Hit/miss payloads are the same every time: built once, not per read (and frozen, as shared). */
  readonly tierEvents: {
    l1Hit: CacheEventMap['hit'];
    l1Miss: CacheEventMap['miss'];
    l2Hit: CacheEventMap['hit'];
    l2Miss: CacheEventMap['miss'];
  };

  constructor(
    readonly namespace: string,
    readonly layout: KeyLayout,
    readonly policy: CachePolicy,
    readonly serializer: Serializer<V>,
    readonly events: CacheEvents,
    readonly l1: L1Tier<V>,
    readonly l2: L2Driver,
    readonly source: Source<V> | undefined,
    readonly bus: InvalidationBus,
    readonly tags: TagTimes,
    readonly repairs: RepairQueue,
  ) {
    this.tierEvents = {
      l1Hit: Object.freeze({ namespace, tier: 'l1', stale: false }),
      l1Miss: Object.freeze({ namespace, tier: 'l1' }),
      l2Hit: Object.freeze({ namespace, tier: 'l2', stale: false }),
      l2Miss: Object.freeze({ namespace, tier: 'l2' }),
    };
  }

  assertOpen(): void {
    if (this.closed) throw new CacheClosedError();
  }

  entryKey(key: string): string {
    return this.layout.entry(this.generation, key);
  }

  /** A record as written to L2, with its jittered hard TTL. */
  makeRecord(
    kind: RecordKind,
    version: number,
    payload: string,
    tags: readonly string[],
    ttlMs?: number,
  ): { record: L2Record; ttlMs: number } {
    const now = Date.now();
    if (kind === 'tombstone') {
      const record = { kind, version, payload: '', softExpiresAt: now, createdAt: now, tags: [] };
      return { record, ttlMs: this.policy.tombstoneTtlMs };
    }
    const hard = kind === 'negative' ? this.policy.negativeTtlMs : (ttlMs ?? this.policy.ttlMs);
    const jitteredHard = jittered(hard, this.policy.jitter);
    const soft = kind === 'negative' ? jitteredHard : Math.min(jitteredHard, this.policy.softTtlMs);
    const record = { kind, version, payload, softExpiresAt: now + soft, createdAt: now, tags };
    return { record, ttlMs: jitteredHard };
  }

  /** L2 record → L1 entry; tombstones have no L1 form. */
  toEntry(record: L2Record, ttlMs: number, value?: V): L1Entry<V> | undefined {
    if (record.kind === 'tombstone') return undefined;
    const decoded =
      record.kind === 'value' ? (value ?? this.serializer.deserialize(record.payload)) : undefined;
    return {
      value: decoded,
      negative: record.kind === 'negative',
      version: record.version,
      softExpiresAt: record.softExpiresAt,
      hardExpiresAt: record.createdAt + ttlMs,
      createdAt: record.createdAt,
      tags: record.tags,
    };
  }

  weight(key: string, record: L2Record): number {
    return key.length * 2 + record.payload.length * 2 + 64;
  }

  fillL1(guard: FillGuard, record: L2Record, ttlMs: number, value?: V): void {
    if (!this.l1.enabled) return;
    const entry = this.toEntry(record, ttlMs, value);
    if (entry !== undefined) this.l1.fill(guard, entry, this.weight(guard.key, record));
  }

  storeL1(key: string, record: L2Record, ttlMs: number, value?: V): void {
    if (!this.l1.enabled) return;
    const entry = this.toEntry(record, ttlMs, value);
    if (entry === undefined) this.l1.invalidate(key, record.version);
    else this.l1.store(key, entry, this.weight(key, record));
  }

  l2Failed(operation: string, error: unknown): void {
    const wrapped = error instanceof Error ? error : new Error(errorMessage(error));
    this.events.emit('l2Error', { namespace: this.namespace, operation, error: wrapped });
  }

  /**
   * Writes a committed record to L2, publishes it, and updates L1. After a source commit, failures
   * of L2 or of the publish go to the repair queue and the caller's commit stands either way. In
   * cache-aside L2 is the only copy, so a failed write rejects (E_L2_UNAVAILABLE) and leaves
   * nothing behind: no L1 entry, old or new, and no repair that could land after the caller gave
   * up on the value (over a later unversioned `invalidate`, say).
   *
   * The publish never precedes the write (a subscriber that heard of a version and re-read L2 must
   * find it there). On a single Redis one script does both, in one round trip. Elsewhere the
   * publish is sent once the write succeeded but not awaited, so `set` still costs the commit plus
   * one round trip: awaiting it would only tell us that Redis accepted a message that subscribers
   * receive asynchronously anyway, and a failure is repaired the same way either way.
   */
  async propagate(key: string, record: L2Record, ttlMs: number, value?: V): Promise<void> {
    // Older in-flight fills are vetoed now. The write is on the wire once commitAndPublish returns;
    // while Redis runs it, L1 takes the committed value (this process reads its own write), and
    // gives it up below if the write is refused (a newer version is there) or fails.
    this.l1.veto(key, record.version);
    let outcome: CommitOutcome;
    try {
      const sent = this.l2.commitAndPublish(this.entryKey(key), record, ttlMs, () =>
        this.bus.prepare('k', key, record.version),
      );
      this.storeL1(key, record, ttlMs, value);
      outcome = await sent;
    } catch (error) {
      this.l2Failed('write', error);
      if (this.policy.writeMode === 'cache-aside') {
        this.l1.delete(key);
        throw new L2UnavailableError(record.kind === 'tombstone' ? 'delete' : 'set', error);
      }
      this.queueRepair(key, record, ttlMs, false, 'write');
      return;
    }
    if (!outcome.published) this.publishAfterWrite(key, record, ttlMs);
    this.repairs.settled(key, record.version);
    // Refused: L2 holds a newer version, so ours (and anything older) leaves L1.
    if (!outcome.written) this.l1.invalidate(key, record.version + 1);
  }

  private publishAfterWrite(key: string, record: L2Record, ttlMs: number): void {
    this.bus.publish('k', key, record.version).catch((error: unknown) => {
      this.l2Failed('publish', error);
      this.queueRepair(key, record, ttlMs, true, 'publish');
    });
  }

  private queueRepair(
    key: string,
    record: L2Record,
    ttlMs: number,
    written: boolean,
    operation: 'write' | 'publish',
  ): void {
    this.l1.delete(key);
    this.repairs.add(key, record, ttlMs, written);
    this.events.emit('repairQueued', { namespace: this.namespace, operation });
  }
}
