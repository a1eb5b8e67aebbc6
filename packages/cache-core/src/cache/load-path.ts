import { randomBytes } from 'node:crypto';
import { CacheError, SourceError, SourceTimeoutError } from '../errors.js';
import type { CacheCore } from './cache-core.js';
import { sleep, withTimeout, type Candidate } from './freshness.js';
import type { FillGuard } from './l1-tier.js';
import { recordForLoad } from './load-record.js';
import type { ReadResult } from './read-entry.js';

/** A caller-supplied loader (cache-aside); undefined means absent. */
export type Loader<V> = (key: string) => Promise<V | undefined>;

interface Loaded<V> {
  found: boolean;
  value: V | undefined;
  version: number;
}

/** A fill found in L2 (another caller's load): its value and version. */
export type Probe<V> = { hit: true; value: V | undefined; version: number } | { hit: false };

/** Reads L2 for a fill another caller made; records soft-expiring at or before `newerThan` don't count. */
export type ProbeFill<V> = (key: string, guard: FillGuard, newerThan: number) => Promise<Probe<V>>;

const noop = (): void => undefined;

/**
 * A miss that needs the source. Across processes one caller holds the key's lease (SET NX PX with a
 * random token) and loads; the others poll L2 with backoff until the fill lands or the lease goes.
 */
export class LoadPath<V> {
  /** Running estimate of a load's duration, the Δ of early refresh. */
  loadMs = 50;

  constructor(
    private readonly core: CacheCore<V>,
    private readonly probe: ProbeFill<V>,
  ) {}

  /**
   * `newerThan` is for early refreshes: the record being refreshed is still fresh in L2, so only a
   * record soft-expiring later than it (someone else's refresh) may stand in for our load.
   */
  async load(
    key: string,
    guard: FillGuard,
    stale?: Candidate<V>,
    loader?: Loader<V>,
    newerThan = -Infinity,
  ): Promise<ReadResult<V>> {
    const { l2, layout, policy, events, namespace } = this.core;
    const leaseKey = layout.lease(key);
    const token = randomBytes(12).toString('hex');
    let leased = await this.tryLease(leaseKey, token);
    if (leased === false) {
      events.emit('coalesced', { namespace, scope: 'lease' });
      const deadline = Date.now() + policy.leaseTtlMs;
      const waited = await this.waitForFill(key, leaseKey, guard, deadline, newerThan);
      if (waited.hit) return { value: waited.value, version: waited.version, tier: 'l2' };
      leased = await this.tryLease(leaseKey, token);
    }
    try {
      if (leased === true) {
        // Double check: the previous holder may have filled between our miss and our lease.
        const filled = await this.probe(key, guard, newerThan);
        if (filled.hit) return { value: filled.value, version: filled.version, tier: 'l2' };
      }
      return await this.loadAndFill(key, guard, stale, loader);
    } finally {
      if (leased === true) l2.releaseLease(leaseKey, token).catch(noop);
    }
  }

  /** true = ours, false = someone else's, 'none' = L2 unreachable (load without coordination). */
  private async tryLease(leaseKey: string, token: string): Promise<boolean | 'none'> {
    try {
      return await this.core.l2.acquireLease(leaseKey, token, this.core.policy.leaseTtlMs);
    } catch (error) {
      this.core.l2Failed('lease', error);
      return 'none';
    }
  }

  private async waitForFill(
    key: string,
    leaseKey: string,
    guard: FillGuard,
    deadline: number,
    newerThan: number,
  ): Promise<Probe<V>> {
    let delay = 2;
    while (Date.now() < deadline) {
      await sleep(delay);
      delay = Math.min(delay * 2, 100);
      try {
        const [filled, held] = await Promise.all([
          this.probe(key, guard, newerThan),
          this.core.l2.leaseExists(leaseKey),
        ]);
        if (filled.hit) return filled;
        if (!held) return { hit: false };
      } catch (error) {
        this.core.l2Failed('lease-wait', error);
        return { hit: false };
      }
    }
    return { hit: false };
  }

  private async loadAndFill(
    key: string,
    guard: FillGuard,
    stale: Candidate<V> | undefined,
    loader: Loader<V> | undefined,
  ): Promise<ReadResult<V>> {
    const { events, namespace, policy } = this.core;
    const started = Date.now();
    let loaded: Loaded<V>;
    try {
      loaded = await withTimeout(
        this.fetch(key, loader),
        policy.hardTimeoutMs,
        () => new SourceTimeoutError(policy.hardTimeoutMs),
      );
    } catch (error) {
      const coded = error instanceof CacheError ? error : new SourceError('load', error);
      events.emit('loadError', { namespace, error: coded });
      if (stale !== undefined && policy.failSafe) {
        events.emit('staleServed', { namespace, reason: 'fail-safe' });
        return stale;
      }
      throw coded;
    }
    const duration = Date.now() - started;
    this.loadMs = this.loadMs * 0.8 + duration * 0.2;
    events.emit('load', { namespace, durationMs: duration, found: loaded.found });
    await this.fill(guard, loaded);
    return { value: loaded.value, version: loaded.version, tier: 'source' };
  }

  private async fetch(key: string, loader: Loader<V> | undefined): Promise<Loaded<V>> {
    const { source, l2, layout, policy } = this.core;
    if (loader !== undefined || source === undefined || policy.writeMode === 'cache-aside') {
      // Without source versions, the namespace counter read *before* the load orders this fill
      // against every cache-aside write that bumps it afterwards.
      const version = await l2.readCounter(layout.versionCounter()).catch(() => 0);
      const value =
        loader !== undefined ? await loader(key) : (await source?.load([key]))?.get(key)?.value;
      return { found: value !== undefined, value, version };
    }
    const row = (await source.load([key])).get(key);
    return row === undefined
      ? { found: false, value: undefined, version: 0 }
      : { found: true, ...row };
  }

  private async fill(guard: FillGuard, loaded: Loaded<V>): Promise<void> {
    const core = this.core;
    const made = recordForLoad(core, loaded.found ? loaded : { ...loaded, value: undefined });
    if (made === undefined) return;
    let written = false;
    try {
      written = await core.l2.write(core.entryKey(guard.key), made.record, made.ttlMs, 'fill');
    } catch (error) {
      core.l2Failed('fill', error);
      // L2 is down: L1 may still hold the source's answer, guarded like any other fill.
      written = true;
    }
    if (written) core.fillL1(guard, made.record, made.ttlMs, loaded.value);
  }
}
