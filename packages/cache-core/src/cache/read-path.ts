import { NoSourceError } from '../errors.js';
import { assertKey } from '../limits.js';
import type { L2Record } from '../record.js';
import type { CacheCore } from './cache-core.js';
import {
  candidateOf,
  servesAsAbsent,
  shouldRefreshEarly,
  type Candidate,
  type Judged,
} from './freshness.js';
import type { FillGuard } from './l1-tier.js';
import { LoadPath, type Loader } from './load-path.js';
import { getMany } from './get-many.js';
import { SingleFlight } from './single-flight.js';

type Probe<V> = { hit: true; value: V | undefined } | { hit: false };

const noop = (): void => undefined;

/** Shared: the L2 hot path goes through `local` on every read and need not allocate its answer. */
const localMiss = Object.freeze({ hit: false } as const);

function freshValue<V>(judged: Judged<V>): V | undefined {
  return judged.state === 'fresh' ? judged.value : undefined;
}

/** get / getOrLoad: L1 → L2 → (lease) → source, with freshness rules. */
export class ReadPath<V> {
  readonly loads: LoadPath<V>;
  private readonly flights = new SingleFlight<V | undefined>();
  private readonly refreshes = new SingleFlight<V | undefined>();

  constructor(private readonly core: CacheCore<V>) {
    this.loads = new LoadPath(core, (key, guard, newerThan) => this.probe(key, guard, newerThan));
  }

  /**
   * Cache only: a fresh value from L1 or L2, else undefined. Written as a promise chain rather
   * than async functions: on an L2 hit each async layer costs a promise and a microtask, which at
   * 50 concurrent callers is a measurable share of the time next to a bare GET.
   */
  get(key: string): Promise<V | undefined> {
    let local: ReturnType<ReadPath<V>['local']>;
    try {
      local = this.local(key);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    if (local.hit) return Promise.resolve(local.value);
    // Without L1 there is nothing to guard: skip the bookkeeping on the L2 hot path.
    if (!this.core.l1.enabled) return this.readL2Value(key);
    return this.getGuarded(key);
  }

  /** readL2 without L1 bookkeeping, straight to the value: one promise hop after the GET. */
  private readL2Value(key: string): Promise<V | undefined> {
    const core = this.core;
    return core.l2.read(core.entryKey(key)).then(
      (record) => {
        const judged = this.judgeAndCount(record);
        return judged instanceof Promise ? judged.then(freshValue) : freshValue(judged);
      },
      (error: unknown) => {
        core.l2Failed('read', error);
        this.counted({ state: 'none' });
        return undefined;
      },
    );
  }

  private async getGuarded(key: string): Promise<V | undefined> {
    const core = this.core;
    const guard = core.l1.begin(key);
    try {
      const judged = await this.readL2(key);
      if (judged.state !== 'fresh') return undefined;
      core.fillL1(guard, judged.record, core.policy.ttlMs, judged.value);
      return judged.value;
    } finally {
      core.l1.end(guard);
    }
  }

  getMany(keys: readonly string[]): Promise<(V | undefined)[]> {
    this.core.assertOpen();
    return getMany(this.core, (record) => this.judge(record), keys);
  }

  /** Read-through: on a miss one caller (per process, then per cluster) loads; the rest share it. */
  async getOrLoad(key: string, loader?: Loader<V>): Promise<V | undefined> {
    const local = this.local(key);
    if (local.hit) return local.value;
    if (loader === undefined && this.core.source === undefined)
      throw new NoSourceError('getOrLoad');
    const { promise, joined } = this.flights.run(key, () => this.resolve(key, local.stale, loader));
    if (joined)
      this.core.events.emit('coalesced', { namespace: this.core.namespace, scope: 'process' });
    return promise;
  }

  /** Repair overlay and L1; a stale L1 entry is handed on as a candidate. */
  private local(
    key: string,
  ): { hit: true; value: V | undefined } | { hit: false; stale?: Candidate<V> } {
    const core = this.core;
    core.assertOpen();
    assertKey(key);
    const repair = core.repairs.get(key);
    if (repair !== undefined) {
      const { record } = repair;
      return {
        hit: true,
        value: record.kind === 'value' ? core.serializer.deserialize(record.payload) : undefined,
      };
    }
    const entry = core.l1.get(key);
    if (entry !== undefined && core.tags.isValid(entry.tags, entry.createdAt)) {
      const now = Date.now();
      if (now < entry.softExpiresAt) {
        core.events.emit('hit', core.tierEvents.l1Hit);
        this.maybeRefreshEarly(key, entry.softExpiresAt, now);
        return { hit: true, value: entry.value };
      }
      core.events.emit('miss', core.tierEvents.l1Miss);
      return { hit: false, stale: candidateOf(entry) };
    }
    if (core.l1.enabled) core.events.emit('miss', core.tierEvents.l1Miss);
    return localMiss;
  }

  private async resolve(
    key: string,
    stale: Candidate<V> | undefined,
    loader?: Loader<V>,
  ): Promise<V | undefined> {
    const core = this.core;
    const guard = core.l1.begin(key);
    const judged = await this.readL2(key);
    if (judged.state === 'fresh') {
      core.fillL1(guard, judged.record, core.policy.ttlMs, judged.value);
      this.maybeRefreshEarly(key, judged.record.softExpiresAt, Date.now());
      core.l1.end(guard);
      return judged.value;
    }
    const candidate = judged.state === 'stale' ? judged.candidate : stale;
    if (candidate !== undefined && core.policy.staleWhileRevalidate) {
      core.l1.end(guard);
      core.events.emit('staleServed', {
        namespace: core.namespace,
        reason: 'stale-while-revalidate',
      });
      this.refreshInBackground(key, loader);
      return candidate.value;
    }
    const work = this.loads.load(key, guard, candidate, loader);
    void work
      .finally(() => {
        core.l1.end(guard);
      })
      .catch(noop);
    if (candidate === undefined || !Number.isFinite(core.policy.softTimeoutMs)) return work;
    return this.raceSoftTimeout(work, candidate);
  }

  /** With a stale value at hand, a slow source gets `softTimeoutMs`; the load still fills later. */
  private raceSoftTimeout(
    work: Promise<V | undefined>,
    stale: Candidate<V>,
  ): Promise<V | undefined> {
    const core = this.core;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        core.events.emit('staleServed', { namespace: core.namespace, reason: 'soft-timeout' });
        resolve(stale.value);
      }, core.policy.softTimeoutMs);
      work.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  private maybeRefreshEarly(key: string, softExpiresAt: number, now: number): void {
    const { policy, source } = this.core;
    if (
      source === undefined ||
      !shouldRefreshEarly(softExpiresAt, now, this.loads.loadMs, policy.earlyRefreshBeta)
    )
      return;
    this.refreshInBackground(key, undefined, softExpiresAt);
  }

  /**
   * One background refresh per key; it runs beside (not inside) the read flights. An early refresh
   * passes the soft expiry of the record it replaces, which is still fresh in L2 and must not count
   * as the refreshed value (it did, and early refresh never loaded anything).
   */
  private refreshInBackground(key: string, loader?: Loader<V>, newerThan?: number): void {
    const core = this.core;
    const { promise } = this.refreshes.run(key, async () => {
      const guard = core.l1.begin(key);
      try {
        return await this.loads.load(key, guard, undefined, loader, newerThan);
      } finally {
        core.l1.end(guard);
      }
    });
    promise.catch(noop);
  }

  /** Used by lease waiters: a fresh L2 record counts as the fill. */
  private async probe(key: string, guard: FillGuard, newerThan: number): Promise<Probe<V>> {
    const judged = await this.readL2(key, true);
    if (judged.state !== 'fresh' || judged.record.softExpiresAt <= newerThan) return { hit: false };
    this.core.fillL1(guard, judged.record, this.core.policy.ttlMs, judged.value);
    return { hit: true, value: judged.value };
  }

  private readL2(key: string, rethrow = false): Promise<Judged<V>> {
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

  private judgeAndCount(record: L2Record | undefined): Judged<V> | Promise<Judged<V>> {
    if (record === undefined) return this.counted({ state: 'none' });
    if (record.tags.length === 0) return this.counted(this.judgeUntagged(record));
    return this.judge(record).then((judged) => this.counted(judged));
  }

  private counted(judged: Judged<V>): Judged<V> {
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
    if (Date.now() < record.softExpiresAt || record.pendingId !== undefined)
      return { state: 'fresh', value, record };
    return {
      state: 'stale',
      candidate: { value, softExpiresAt: record.softExpiresAt, createdAt: record.createdAt },
    };
  }
}
