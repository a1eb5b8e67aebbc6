import type { L2Record } from '../record.js';

export type WriteMode = 'fill' | 'commit' | 'pending';

/** A message for a shard channel, already encoded (sequence number spent). */
export interface ShardMessage {
  channel: string;
  message: string;
}

/** Outcome of commitAndPublish: whether the record landed, and whether the message went with it. */
export interface CommitOutcome {
  written: boolean;
  published: boolean;
}

/** Which L1 entries a topology change makes suspect: some slots, or everything. */
export type AffectedSlots = ReadonlySet<number> | 'all';

/** What a bound reader does with each read's record, or with its failure (see L2Driver.reader). */
export interface ReadHandlers<R> {
  onRecord: (record: L2Record | undefined) => R | PromiseLike<R>;
  onError: (error: unknown) => R | PromiseLike<R>;
}

/**
 * The shared tier, kept small like bentocache's driver contract: versioned records, leases and
 * monotonic counters over single keys. The same contract suite runs against every implementation.
 */
export interface L2Driver {
  read(key: string): Promise<L2Record | undefined>;
  /**
   * A read whose handlers are bound once: each call is one GET and one promise, handed straight to
   * `onRecord` (`onError` on a failed read or an undecodable record). The L2 hit path without L1
   * runs through it, where `read(key).then(...)` costs a second promise and microtask per hit.
   */
  reader<R>(handlers: ReadHandlers<R>): (key: string) => Promise<R>;
  /** Reads many keys; implementations group them by cluster slot. Result order matches `keys`. */
  readMany(keys: readonly string[]): Promise<(L2Record | undefined)[]>;
  /** Versioned compare-and-set; resolves true when the record landed. */
  write(key: string, record: L2Record, ttlMs: number, mode: WriteMode): Promise<boolean>;
  /**
   * A 'commit' write plus its invalidation message in one round trip where the server allows it
   * (the message goes out after the write, atomically). `message` is called only then, so its
   * sequence number is spent in send order; otherwise `published` is false and the caller
   * publishes once the write succeeded.
   */
  commitAndPublish(
    key: string,
    record: L2Record,
    ttlMs: number,
    message: () => ShardMessage,
  ): Promise<CommitOutcome>;
  /** Promotes a write-behind value once the source committed it (see settleScript). */
  settle(key: string, pendingId: string, version: number, ttlMs: number): Promise<void>;
  /** Removes a write-behind value if it still carries `pendingId` (it was dead-lettered). */
  discardPending(key: string, pendingId: string): Promise<void>;
  /** Unconditional removal, for operators and tag invalidation. */
  remove(key: string): Promise<void>;
  acquireLease(key: string, token: string, ttlMs: number): Promise<boolean>;
  releaseLease(key: string, token: string): Promise<void>;
  leaseExists(key: string): Promise<boolean>;
  /** acquireLease for many keys at once (one pipeline per slot); true where the lease is ours. */
  acquireLeases(keys: readonly string[], token: string, ttlMs: number): Promise<boolean[]>;
  releaseLeases(keys: readonly string[], token: string): Promise<void>;
  leasesExist(keys: readonly string[]): Promise<boolean[]>;
  readCounter(key: string): Promise<number>;
  /** Sets the counter to max(current, value); returns the stored value. */
  raiseCounter(key: string, value: number, ttlMs: number): Promise<number>;
  /** Increments, but never to less than `floor`. */
  bumpCounter(key: string, floor: number): Promise<number>;
  /** Subscribes to failovers and slot moves; returns an unsubscribe function. */
  onTopologyChange(listener: (slots: AffectedSlots) => void): () => void;
}
