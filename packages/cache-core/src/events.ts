import { EventEmitter } from 'node:events';

export type Tier = 'l1' | 'l2';
export type StaleReason = 'stale-while-revalidate' | 'fail-safe' | 'soft-timeout';
export type GapReason = 'sequence' | 'reconnect' | 'topology' | 'disconnect';

/**
 * Everything the core reports. Labels are bounded (namespace, tier, reason): keys never appear,
 * so the agent and the SDK can bind these to Prometheus without unbounded series.
 */
export interface CacheEventMap {
  hit: { namespace: string; tier: Tier; stale: boolean };
  miss: { namespace: string; tier: Tier };
  load: { namespace: string; durationMs: number; found: boolean };
  loadError: { namespace: string; error: Error };
  staleServed: { namespace: string; reason: StaleReason };
  coalesced: { namespace: string; scope: 'process' | 'lease' };
  eviction: { namespace: string; reason: 'size' | 'expired' | 'explicit' };
  invalidationReceived: { namespace: string; kind: 'key' | 'tag' | 'flush' };
  busGap: { namespace: string; reason: GapReason };
  /** The bus subscription is down or was refused (L1 serves nothing until it is back). */
  busDown: { namespace: string; error: Error };
  l1Dropped: { namespace: string; reason: GapReason | 'flush'; entries: number };
  l2Error: { namespace: string; operation: string; error: Error };
  repairQueued: { namespace: string; operation: 'write' | 'publish' };
  repaired: { namespace: string };
}

export type CacheEventName = keyof CacheEventMap;

/** A typed facade over EventEmitter so listeners receive the payload their event declares. */
export class CacheEvents {
  private readonly emitter = new EventEmitter();

  on<E extends CacheEventName>(event: E, listener: (payload: CacheEventMap[E]) => void): this {
    this.emitter.on(event, listener);
    return this;
  }

  off<E extends CacheEventName>(event: E, listener: (payload: CacheEventMap[E]) => void): this {
    this.emitter.off(event, listener);
    return this;
  }

  once<E extends CacheEventName>(event: E, listener: (payload: CacheEventMap[E]) => void): this {
    this.emitter.once(event, listener);
    return this;
  }

  emit<E extends CacheEventName>(event: E, payload: CacheEventMap[E]): void {
    // Skipping the call when nobody listens keeps the hit path free of allocation-heavy work.
    if (this.emitter.listenerCount(event) > 0) this.emitter.emit(event, payload);
  }

  removeAllListeners(): void {
    this.emitter.removeAllListeners();
  }
}
