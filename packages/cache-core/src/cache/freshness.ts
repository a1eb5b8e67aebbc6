import type { L2Record } from '../record.js';
import type { L1Entry } from './l1-tier.js';
import type { ReadResult } from './read-entry.js';

/** A stale value the read path may serve, with its version, tier and what it knows of its age. */
export interface Candidate<V> extends ReadResult<V> {
  softExpiresAt: number;
  createdAt: number;
}

export function candidateOf<V>(entry: L1Entry<V>): Candidate<V> {
  const { value, version, softExpiresAt, createdAt } = entry;
  return { value, version, tier: 'l1', softExpiresAt, createdAt };
}

/** A record read from L2, judged: fresh hit, stale candidate, or nothing usable. */
export type Judged<V> =
  | { state: 'fresh'; value: V | undefined; record: L2Record }
  | { state: 'stale'; candidate: Candidate<V> }
  | { state: 'none' };

/** A pending write-behind delete is a definite "absent"; other tombstones only block old fills. */
export function servesAsAbsent(record: L2Record): boolean {
  return record.kind === 'tombstone' && record.pendingId !== undefined;
}

/**
 * XFetch (Vattani et al.): refresh before expiry with probability rising as expiry nears, scaled by
 * how long a load takes (`deltaMs`) — so one caller refreshes a hot key early and the rest never miss.
 */
export function shouldRefreshEarly(
  softExpiresAt: number,
  now: number,
  deltaMs: number,
  beta: number,
): boolean {
  if (beta <= 0) return false;
  return now - deltaMs * beta * Math.log(Math.random()) >= softExpiresAt;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects with `onTimeout()` if `work` takes longer than `ms` (the work itself keeps running). */
export function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  if (!Number.isFinite(ms)) return work;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(onTimeout());
    }, ms);
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
