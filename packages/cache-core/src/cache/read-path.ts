import { NoSourceError } from '../errors.js';
import { assertKey } from '../limits.js';
import { candidateOf, shouldRefreshEarly, type Candidate } from './freshness.js';
import type { CacheCore } from './cache-core.js';
import type { FillGuard } from './l1-tier.js';
import { L2Reader, pickFresh } from './l2-reader.js';
import { LoadPath, type Loader, type Probe } from './load-path.js';
import { getMany } from './get-many.js';
import type { PickRead, ReadResult } from './read-entry.js';
import { SingleFlight } from './single-flight.js';

type Local<V> =
  { hit: true; value: V | undefined; version: number } | { hit: false; stale?: Candidate<V> };

const noop = (): void => undefined;

/** An L2 read bound to one `pick`'s handlers: the key's record goes straight to its answer. */
type L2Answer<R> = (entryKey: string) => Promise<R>;

/** Shared: the L2 hot path goes through `local` on every read and need not allocate its answer. */
const localMiss = Object.freeze({ hit: false } as const);

/**
 * get / getOrLoad and their entry forms: L1 → L2 → (lease) → source, with freshness rules. Each
 * read is written once against a `pick` that shapes its answer (the value, or value + version +
 * tier), so an entry costs no second look at any tier.
 */
export class ReadPath<V> {
  readonly loads: LoadPath<V>;
  private readonly l2: L2Reader<V>;
  private readonly flights = new SingleFlight<ReadResult<V>>();
  private readonly refreshes = new SingleFlight<ReadResult<V>>();
  private readonly l2Answers = new Map<PickRead<V, unknown>, L2Answer<unknown>>();

  constructor(private readonly core: CacheCore<V>) {
    this.l2 = new L2Reader(core);
    this.loads = new LoadPath(core, (key, guard, newerThan) => this.probe(key, guard, newerThan));
  }

  /**
   * Cache only: a fresh value from L1 or L2, else undefined. Written as a promise chain rather
   * than async functions: on an L2 hit each async layer costs a promise and a microtask, which at
   * 50 concurrent callers is a measurable share of the time next to a bare GET.
   */
  get<R>(key: string, pick: PickRead<V, R>): Promise<R> {
    let local: Local<V>;
    try {
      local = this.local(key);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    if (local.hit) return Promise.resolve(pick(local.value, local.version, 'l1'));
    // Without L1 there is nothing to guard: skip the bookkeeping on the L2 hot path.
    if (!this.core.l1.enabled) return this.readL2Value(key, pick);
    return this.getGuarded(key, pick);
  }

  /** The L2 read without L1 bookkeeping, straight to the answer: one promise per read, the GET's. */
  private readL2Value<R>(key: string, pick: PickRead<V, R>): Promise<R> {
    const core = this.core;
    return this.l2AnswerFor(pick)(core.entryKey(key));
  }

  /** The handlers depend on `pick` alone, so a hit allocates none (picks are a few module functions). */
  private l2AnswerFor<R>(pick: PickRead<V, R>): L2Answer<R> {
    const known = this.l2Answers.get(pick) as L2Answer<R> | undefined;
    if (known !== undefined) return known;
    const answer: L2Answer<R> = this.core.l2.reader<R>({
      onRecord: (record) => this.l2.answer(record, pick),
      onError: (error) => {
        this.core.l2Failed('read', error);
        this.l2.counted({ state: 'none' });
        return pick(undefined, 0, 'l2');
      },
    });
    this.l2Answers.set(pick, answer);
    return answer;
  }

  private async getGuarded<R>(key: string, pick: PickRead<V, R>): Promise<R> {
    const core = this.core;
    const guard = core.l1.begin(key);
    try {
      const judged = await this.l2.read(key);
      if (judged.state === 'fresh')
        core.fillL1(guard, judged.record, core.policy.ttlMs, judged.value);
      return pickFresh(judged, pick);
    } finally {
      core.l1.end(guard);
    }
  }

  getMany<R>(keys: readonly string[], pick: PickRead<V, R>): Promise<R[]> {
    this.core.assertOpen();
    return getMany(this.core, (record) => this.l2.judge(record), keys, pick);
  }

  /** Read-through: on a miss one caller (per process, then per cluster) loads; the rest share it. */
  async getOrLoad<R>(key: string, pick: PickRead<V, R>, loader?: Loader<V>): Promise<R> {
    const local = this.local(key);
    if (local.hit) return pick(local.value, local.version, 'l1');
    if (loader === undefined && this.core.source === undefined)
      throw new NoSourceError('getOrLoad');
    const { promise, joined } = this.flights.run(key, () => this.resolve(key, local.stale, loader));
    if (joined)
      this.core.events.emit('coalesced', { namespace: this.core.namespace, scope: 'process' });
    const read = await promise;
    return pick(read.value, read.version, read.tier);
  }

  /** Repair overlay and L1; a stale L1 entry is handed on as a candidate. */
  private local(key: string): Local<V> {
    const core = this.core;
    core.assertOpen();
    assertKey(key);
    const repair = core.repairs.get(key);
    if (repair !== undefined) {
      const { record } = repair;
      const value =
        record.kind === 'value' ? core.serializer.deserialize(record.payload) : undefined;
      return { hit: true, value, version: record.version };
    }
    const entry = core.l1.get(key);
    if (entry !== undefined && core.tags.isValid(entry.tags, entry.createdAt)) {
      const now = core.clock.now();
      if (now < entry.softExpiresAt) {
        core.events.emit('hit', core.tierEvents.l1Hit);
        this.maybeRefreshEarly(key, entry.softExpiresAt, now);
        return { hit: true, value: entry.value, version: entry.version };
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
  ): Promise<ReadResult<V>> {
    const core = this.core;
    const guard = core.l1.begin(key);
    const judged = await this.l2.read(key);
    if (judged.state === 'fresh') {
      const { record, value } = judged;
      core.fillL1(guard, record, core.policy.ttlMs, value);
      this.maybeRefreshEarly(key, record.softExpiresAt, core.clock.now());
      core.l1.end(guard);
      return { value, version: record.version, tier: 'l2' };
    }
    const candidate = judged.state === 'stale' ? judged.candidate : stale;
    if (candidate !== undefined && core.policy.staleWhileRevalidate) {
      core.l1.end(guard);
      core.events.emit('staleServed', {
        namespace: core.namespace,
        reason: 'stale-while-revalidate',
      });
      this.refreshInBackground(key, loader);
      return candidate;
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
    work: Promise<ReadResult<V>>,
    stale: Candidate<V>,
  ): Promise<ReadResult<V>> {
    const core = this.core;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        core.events.emit('staleServed', { namespace: core.namespace, reason: 'soft-timeout' });
        resolve(stale);
      }, core.policy.softTimeoutMs);
      work.then(
        (read) => {
          clearTimeout(timer);
          resolve(read);
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
    const judged = await this.l2.read(key, true);
    if (judged.state !== 'fresh' || judged.record.softExpiresAt <= newerThan) return { hit: false };
    const { record, value } = judged;
    this.core.fillL1(guard, record, this.core.policy.ttlMs, value);
    return { hit: true, value, version: record.version };
  }
}
