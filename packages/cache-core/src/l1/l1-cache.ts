import { AdaptivePolicy } from './adaptive-policy.js';
import { CoarseClock } from './coarse-clock.js';
import { hashKey } from './hash.js';
import { SlotStore } from './slot-store.js';
import { defaultTuning } from './tuning.js';
import type { EvictionReason, EvictListener, L1Options, SetOptions } from './types.js';
import { validateBounds, validateSetOptions } from './validate.js';

/**
 * In-process cache bounded by entry count and by total weight, with an adaptive W-TinyLFU policy.
 * Entries may carry a max-age; an expired entry reads as absent and is removed when seen.
 * Eviction notifications are delivered after the operation that caused them has finished, so a
 * listener may call back into the cache.
 */
export class L1Cache<V> {
  readonly maxEntries: number;
  readonly maxWeight: number;
  private readonly slots = new Map<string, number>();
  private readonly store: SlotStore<V>;
  private readonly policy: AdaptivePolicy<V>;
  private readonly clock: () => number;
  /** The clock of a hit's max-age check (see `clockResolutionMs`); writes read `clock` itself. */
  private readonly hitClock: CoarseClock;
  private readonly defaultMaxAgeMs: number;
  private readonly notices: EvictionNotices<V>;
  private lastMissKey = '';
  private lastMissHash = hashKey('');

  constructor(options: L1Options<V>) {
    const { maxEntries, maxWeight, clockResolutionMs } = validateBounds(options);
    this.maxEntries = maxEntries;
    this.maxWeight = maxWeight;
    this.clock = options.clock ?? Date.now;
    this.hitClock = new CoarseClock(this.clock, clockResolutionMs);
    this.defaultMaxAgeMs = options.defaultMaxAgeMs ?? Infinity;
    this.notices = new EvictionNotices(options.onEvict);
    this.store = new SlotStore<V>(maxEntries === Infinity ? 2 ** 30 : maxEntries + 1);
    const tuning = { ...defaultTuning, ...options.tuning };
    this.policy = new AdaptivePolicy<V>(
      this.store,
      maxEntries,
      maxWeight,
      tuning,
      (slot) => {
        this.release(slot, this.isExpired(slot) ? 'expired' : 'size');
      },
      (slot) => this.isExpired(slot),
    );
  }

  get size(): number {
    return this.slots.size;
  }

  /** Sum of the weights of the entries held. */
  get weightedSize(): number {
    return this.policy.weight;
  }

  /** Current window share chosen by the policy (0 = all frequency, 1 = plain LRU). */
  get windowShare(): number {
    return this.policy.windowShare;
  }

  /** Returns the value and records the access; a miss is recorded too (it steers the policy). */
  get(key: string): V | undefined {
    // Kept tiny so V8 inlines the whole hit path; misses and expiry live in their own methods.
    const slot = this.slots.get(key);
    if (slot === undefined) {
      this.policy.onMiss(this.missHash(key));
      return undefined;
    }
    if (this.store.expiring(slot) && this.expireOnRead(slot)) return undefined;
    this.policy.onHit(slot);
    return this.store.value(slot);
  }

  /** Returns the value without counting an access or reordering anything. */
  peek(key: string): V | undefined {
    const slot = this.live(key);
    return slot === undefined ? undefined : this.store.value(slot);
  }

  has(key: string): boolean {
    return this.live(key) !== undefined;
  }

  /**
   * Stores the value. Returns false when it is not held afterwards: it outweighs `maxWeight` on its
   * own, or the admission policy preferred the entries already cached.
   */
  set(key: string, value: V, options?: SetOptions): boolean {
    const { weight, maxAgeMs } = validateSetOptions(options, this.defaultMaxAgeMs);
    const expiresAt = maxAgeMs === Infinity ? Infinity : this.clock() + maxAgeMs;
    let slot = this.slots.get(key);
    if (weight > this.maxWeight) {
      if (slot !== undefined) this.removeSlot(slot, 'size');
      return false;
    }
    if (slot === undefined) {
      slot = this.store.allocate(key, value, weight, expiresAt, this.missHash(key));
      this.slots.set(key, slot);
      this.policy.add(slot);
    } else {
      this.store.setValue(slot, value);
      this.store.setExpiresAt(slot, expiresAt);
      this.policy.update(slot, weight);
    }
    this.notices.deliver();
    return this.slots.get(key) === slot;
  }

  delete(key: string): boolean {
    const slot = this.slots.get(key);
    if (slot === undefined) return false;
    this.removeSlot(slot, 'explicit');
    return true;
  }

  /** Removes every entry; each is reported to `onEvict` as 'explicit'. */
  clear(): void {
    if (this.notices.listening) {
      for (const slot of this.slots.values())
        this.notices.add(this.keyOf(slot), this.valueOf(slot), 'explicit');
    }
    this.slots.clear();
    this.store.clear();
    this.policy.clear();
    this.notices.deliver();
  }

  /** Keys of the live entries, in no particular order. */
  *keys(): IterableIterator<string> {
    const now = this.clock();
    for (const [key, slot] of this.slots) {
      if (this.store.expiresAt(slot) > now) yield key;
    }
  }

  /** Removes the entry if its max-age has passed; a read of it then counts as a miss. */
  private expireOnRead(slot: number): boolean {
    if (this.store.expiresAt(slot) > this.hitClock.now()) return false;
    this.policy.onMiss(this.store.hash(slot));
    this.removeSlot(slot, 'expired');
    return true;
  }

  /** Hash of a missed key, remembered because the usual next call is `set` of that same key. */
  private missHash(key: string): number {
    if (key !== this.lastMissKey) {
      this.lastMissKey = key;
      this.lastMissHash = hashKey(key);
    }
    return this.lastMissHash;
  }

  private live(key: string): number | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined || !this.isExpired(slot)) return slot;
    this.removeSlot(slot, 'expired');
    return undefined;
  }

  private isExpired(slot: number): boolean {
    const expiresAt = this.store.expiresAt(slot);
    return expiresAt !== Infinity && expiresAt <= this.clock();
  }

  private removeSlot(slot: number, reason: EvictionReason): void {
    this.policy.remove(slot);
    this.release(slot, reason);
    this.notices.deliver();
  }

  /** Forgets a slot the policy no longer holds and queues its notification. */
  private release(slot: number, reason: EvictionReason): void {
    const key = this.keyOf(slot);
    if (this.notices.listening) this.notices.add(key, this.valueOf(slot), reason);
    this.slots.delete(key);
    this.store.release(slot);
  }

  private keyOf(slot: number): string {
    return this.store.keys[slot] ?? '';
  }

  private valueOf(slot: number): V {
    return this.store.value(slot);
  }
}

/**
 * Queue of eviction notifications, delivered once the cache is consistent again; a listener that
 * calls back into the cache only enqueues more, which the outer delivery loop then drains.
 */
class EvictionNotices<V> {
  private readonly keys: string[] = [];
  private readonly values: V[] = [];
  private readonly reasons: EvictionReason[] = [];
  private delivering = false;

  constructor(private readonly listener: EvictListener<V> | undefined) {}

  get listening(): boolean {
    return this.listener !== undefined;
  }

  add(key: string, value: V, reason: EvictionReason): void {
    this.keys.push(key);
    this.values.push(value);
    this.reasons.push(reason);
  }

  deliver(): void {
    const listener = this.listener;
    if (listener === undefined || this.delivering || this.keys.length === 0) return;
    this.delivering = true;
    try {
      for (let i = 0; i < this.keys.length; i++) {
        listener(this.keys[i] ?? '', this.values[i] as V, this.reasons[i] ?? 'size');
      }
    } finally {
      this.keys.length = 0;
      this.values.length = 0;
      this.reasons.length = 0;
      this.delivering = false;
    }
  }
}
