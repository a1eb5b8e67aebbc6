import type { L2Record } from '../record.js';
import type { CacheCore } from './cache-core.js';
import { servesAsAbsent, type Judged } from './freshness.js';
import type { PickRead } from './read-entry.js';

export function pickFresh<V, R>(judged: Judged<V>, pick: PickRead<V, R>): R {
  return judged.state === 'fresh'
    ? pick(judged.value, judged.record.version, 'l2')
    : pick(undefined, 0, 'l2');
}

/** Before its soft expiry, or a write-behind value not yet settled (the newest there is). */
function servesFresh(record: L2Record, now: number): boolean {
  return now < record.softExpiresAt || record.pendingId !== undefined;
}

/** Reads one key's L2 record and judges it (fresh, stale, or nothing), counting hits and misses. */
export class L2Reader<V> {
  constructor(private readonly core: CacheCore<V>) {}

  /** `rethrow` for lease waiters, who must tell an unreachable L2 from a miss. */
  read(key: string, rethrow = false): Promise<Judged<V>> {
    const core = this.core;
    return core.l2.read(core.entryKey(key)).then(
      (record) => this.judgeAndCount(record),
      (error: unknown) => {
        if (rethrow) throw error;
        core.l2Failed('read', error);
        return this.counted({ state: 'none' });
      },
    );
  }

  /** Synchronous for an untagged record: the L2 hot path takes no extra promise hop. */
  judgeAndCount(record: L2Record | undefined): Judged<V> | Promise<Judged<V>> {
    if (record === undefined) return this.counted({ state: 'none' });
    if (record.tags.length === 0) return this.counted(this.judgeUntagged(record));
    return this.judge(record).then((judged) => this.counted(judged));
  }

  /**
   * `judgeAndCount` then `pick`, with the same answers and counts; an untagged value (the L2 hit
   * path without L1) goes straight to `pick` with no Judged built in between.
   */
  answer<R>(record: L2Record | undefined, pick: PickRead<V, R>): R | Promise<R> {
    if (record?.kind !== 'value' || record.tags.length > 0) {
      const judged = this.judgeAndCount(record);
      return judged instanceof Promise
        ? judged.then((j) => pickFresh(j, pick))
        : pickFresh(judged, pick);
    }
    const { events, serializer, tierEvents } = this.core;
    const value = serializer.deserialize(record.payload);
    if (servesFresh(record, this.core.clock.now())) {
      events.emit('hit', tierEvents.l2Hit);
      return pick(value, record.version, 'l2');
    }
    events.emit('miss', tierEvents.l2Miss);
    return pick(undefined, 0, 'l2');
  }

  counted(judged: Judged<V>): Judged<V> {
    const { events, tierEvents } = this.core;
    if (judged.state === 'fresh') events.emit('hit', tierEvents.l2Hit);
    else events.emit('miss', tierEvents.l2Miss);
    return judged;
  }

  async judge(record: L2Record): Promise<Judged<V>> {
    if (record.tags.length > 0 && !(await this.core.tags.check(record.tags, record.createdAt))) {
      return { state: 'none' };
    }
    return this.judgeUntagged(record);
  }

  private judgeUntagged(record: L2Record): Judged<V> {
    if (servesAsAbsent(record)) return { state: 'fresh', value: undefined, record };
    if (record.kind === 'tombstone') return { state: 'none' };
    const value =
      record.kind === 'value' ? this.core.serializer.deserialize(record.payload) : undefined;
    if (servesFresh(record, this.core.clock.now())) return { state: 'fresh', value, record };
    const { version, softExpiresAt, createdAt } = record;
    return { state: 'stale', candidate: { value, version, tier: 'l2', softExpiresAt, createdAt } };
  }
}
