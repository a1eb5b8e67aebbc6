/** What an L2 slot holds for a key: a value, a cached "absent" (negative) or a delete tombstone. */
export type RecordKind = 'value' | 'negative' | 'tombstone';

export interface L2Record {
  kind: RecordKind;
  /** Source version; a write only lands when it is at least the stored one. Negative entries use 0. */
  version: number;
  /** Serialized value; empty unless kind is 'value'. */
  payload: string;
  /** Epoch ms after which the record is stale (served only by stale-while-revalidate or fail-safe). */
  softExpiresAt: number;
  /** Epoch ms of the write, compared with tag invalidation times. */
  createdAt: number;
  tags: readonly string[];
  /** Write-behind stream id while the value has not reached the source yet. */
  pendingId?: string;
}

export function tombstone(version: number, now: number): L2Record {
  return { kind: 'tombstone', version, payload: '', softExpiresAt: now, createdAt: now, tags: [] };
}
