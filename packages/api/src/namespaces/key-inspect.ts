import { decodeRecord, KeyLayout } from '@cachefleet/cache-core';
import type { Cluster } from 'ioredis';
import { readGeneration } from './key-scan.js';

/** Values are shown up to this many bytes; the full size is reported beside. */
export const previewBytes = 4096;

export interface KeyDetails {
  key: string;
  /** L2 holds a value, a cached absence, a delete tombstone, or nothing (L1 is per process). */
  state: 'L2' | 'negative' | 'tombstone' | 'absent';
  version: string | null;
  /** Milliseconds until Redis expires the entry; null without a TTL or when absent. */
  ttlMs: number | null;
  sizeBytes: number;
  preview: string | null;
  truncated: boolean;
  tags: readonly string[];
  writeBehindPending: boolean;
  softExpiresAt: string | null;
  createdAt: string | null;
}

function preview(payload: string): { preview: string; truncated: boolean } {
  const bytes = Buffer.from(payload, 'utf8');
  if (bytes.length <= previewBytes) return { preview: payload, truncated: false };
  // Cut on a character boundary: drop a trailing partial UTF-8 sequence.
  return {
    preview: bytes
      .subarray(0, previewBytes)
      .toString('utf8')
      .replace(/\uFFFD$/, ''),
    truncated: true,
  };
}

const kinds = { value: 'L2', negative: 'negative', tombstone: 'tombstone' } as const;

/** What L2 holds for a user key in the namespace's current generation, decoded by cache-core. */
export async function inspectKey(
  client: Cluster,
  namespace: string,
  key: string,
): Promise<KeyDetails> {
  const layout = new KeyLayout(namespace);
  const redisKey = layout.entry(await readGeneration(client, layout), key);
  const [raw, pttl] = await Promise.all([client.get(redisKey), client.pttl(redisKey)]);
  const record = decodeRecord(raw);
  if (!record) {
    const absent = {
      state: 'absent' as const,
      version: null,
      ttlMs: null,
      sizeBytes: 0,
      preview: null,
    };
    return {
      key,
      ...absent,
      truncated: false,
      tags: [],
      writeBehindPending: false,
      softExpiresAt: null,
      createdAt: null,
    };
  }
  const shown =
    record.kind === 'value' ? preview(record.payload) : { preview: null, truncated: false };
  return {
    key,
    state: kinds[record.kind],
    version: String(record.version),
    ttlMs: pttl >= 0 ? pttl : null,
    sizeBytes: Buffer.byteLength(record.payload, 'utf8'),
    ...shown,
    tags: record.tags,
    writeBehindPending: record.pendingId !== undefined,
    softExpiresAt: new Date(record.softExpiresAt).toISOString(),
    createdAt: new Date(record.createdAt).toISOString(),
  };
}
