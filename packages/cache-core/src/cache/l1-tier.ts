import { L1Cache } from '../l1/index.js';
import type { CacheEvents } from '../events.js';
import type { GapReason } from '../events.js';

/** What L1 holds per key: the decoded value with its version and freshness. */
export interface L1Entry<V> {
  /** undefined for a cached "absent". */
  value: V | undefined;
  negative: boolean;
  version: number;
  softExpiresAt: number;
  hardExpiresAt: number;
  createdAt: number;
  tags: readonly string[];
}

/** Registered while a read is in flight; invalidations seen meanwhile veto its L1 fill. */
export interface FillGuard {
  readonly key: string;
  readonly epoch: number;
  minVersion: number;
}

export interface L1TierOptions {
  namespace: string;
  maxEntries: number;
  maxBytes: number;
  maxAgeMs: number;
  events: CacheEvents;
}

/**
 * L1 with the consistency rules on top: never replace a newer version, never fill from a read that
 * an invalidation overtook, and never trust anything while the bus is down (`trusted` false).
 */
export class L1Tier<V> {
  private readonly cache: L1Cache<L1Entry<V>> | undefined;
  private readonly guards = new Map<string, Set<FillGuard>>();
  private epoch = 0;
  private trusted = false;

  constructor(private readonly options: L1TierOptions | undefined) {
    if (options === undefined) return;
    const { namespace, events } = options;
    this.cache = new L1Cache<L1Entry<V>>({
      maxEntries: options.maxEntries,
      maxWeight: options.maxBytes,
      defaultMaxAgeMs: options.maxAgeMs,
      onEvict: (_key, _value, reason) => {
        events.emit('eviction', { namespace, reason });
      },
    });
  }

  get enabled(): boolean {
    return this.cache !== undefined;
  }

  get size(): number {
    return this.cache?.size ?? 0;
  }

  get(key: string): L1Entry<V> | undefined {
    if (!this.trusted || this.cache === undefined) return undefined;
    return this.cache.get(key);
  }

  peek(key: string): L1Entry<V> | undefined {
    return this.cache?.peek(key);
  }

  begin(key: string): FillGuard {
    const guard: FillGuard = { key, epoch: this.epoch, minVersion: -Infinity };
    let set = this.guards.get(key);
    if (set === undefined) this.guards.set(key, (set = new Set()));
    set.add(guard);
    return guard;
  }

  end(guard: FillGuard): void {
    const set = this.guards.get(guard.key);
    if (set === undefined) return;
    set.delete(guard);
    if (set.size === 0) this.guards.delete(guard.key);
  }

  /** Stores a read's result unless something newer was seen since the read began. */
  fill(guard: FillGuard, entry: L1Entry<V>, weight: number): void {
    if (guard.epoch !== this.epoch || entry.version < guard.minVersion) return;
    this.store(guard.key, entry, weight);
  }

  /** The writing process's own committed value (read-your-writes). */
  store(key: string, entry: L1Entry<V>, weight: number): void {
    const cache = this.cache;
    if (cache === undefined || !this.trusted) return;
    const current = cache.peek(key);
    if (current !== undefined && current.version > entry.version) return;
    const maxAgeMs = Math.min(this.options?.maxAgeMs ?? Infinity, entry.hardExpiresAt - Date.now());
    if (maxAgeMs <= 0) {
      // Too short-lived to keep; an older copy must not outlive it either.
      if (current !== undefined) cache.delete(key);
      return;
    }
    cache.set(key, entry, { weight, maxAgeMs });
  }

  /** In-flight fills older than `version` will not land (the entry held now stays). */
  veto(key: string, version: number): void {
    const guards = this.guards.get(key);
    if (guards !== undefined) {
      for (const guard of guards) guard.minVersion = Math.max(guard.minVersion, version);
    }
  }

  /** Key written or deleted at `version` elsewhere: older copies go, in-flight older fills are vetoed. */
  invalidate(key: string, version: number): void {
    this.veto(key, version);
    const current = this.cache?.peek(key);
    if (current !== undefined && current.version < version) this.cache?.delete(key);
  }

  delete(key: string): void {
    this.invalidate(key, Infinity);
    this.cache?.delete(key);
  }

  /** Forgets everything and vetoes every in-flight fill. */
  dropAll(reason: GapReason | 'flush'): void {
    this.epoch++;
    const entries = this.cache?.size ?? 0;
    this.cache?.clear();
    if (this.options !== undefined && entries > 0) {
      this.options.events.emit('l1Dropped', { namespace: this.options.namespace, reason, entries });
    }
  }

  /** Drops the entries whose L2 key lives in one of `slots` (a failover or slot move). */
  dropWhere(predicate: (key: string) => boolean): void {
    const cache = this.cache;
    if (cache === undefined) return;
    for (const key of [...cache.keys()]) if (predicate(key)) this.delete(key);
  }

  /** Bus up or down; while down, L1 neither serves nor stores. */
  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
  }

  keys(): string[] {
    return this.cache === undefined ? [] : [...this.cache.keys()];
  }
}
