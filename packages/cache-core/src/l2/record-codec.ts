import type { L2Record, RecordKind } from '../record.js';

/** Hash fields read for a record, in the order `decodeRecord` expects. */
export const recordFields = ['ver', 'k', 'val', 'soft', 'at', 'tags', 'pid'] as const;

const kindCodes: Record<RecordKind, string> = { value: 'v', negative: 'n', tombstone: 't' };

export function kindCode(kind: RecordKind): string {
  return kindCodes[kind];
}

function decodeKind(code: string | null): RecordKind | undefined {
  if (code === 'v') return 'value';
  if (code === 'n') return 'negative';
  if (code === 't') return 'tombstone';
  return undefined;
}

function decodeTags(text: string | null): string[] {
  if (text === null || text === '') return [];
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
}

/** HMGET reply → record; a missing or half-written hash reads as absent. */
export function decodeRecord(fields: readonly (string | null)[]): L2Record | undefined {
  const [ver, k, val, soft, at, tags, pid] = fields;
  const kind = decodeKind(k ?? null);
  if (ver === null || ver === undefined || kind === undefined) return undefined;
  const record: L2Record = {
    kind,
    version: Number(ver),
    payload: val ?? '',
    softExpiresAt: Number(soft ?? 0),
    createdAt: Number(at ?? 0),
    tags: decodeTags(tags ?? null),
  };
  if (pid !== null && pid !== undefined) record.pendingId = pid;
  return record;
}

/** ARGV for writeScript (after the key). */
export function encodeWriteArgs(
  record: L2Record,
  ttlMs: number,
  mode: string,
): (string | number)[] {
  const tags = record.tags.length === 0 ? '' : JSON.stringify(record.tags);
  return [
    record.version,
    kindCode(record.kind),
    record.payload,
    record.softExpiresAt,
    record.createdAt,
    tags,
    Math.max(1, Math.ceil(ttlMs)),
    mode,
    record.pendingId ?? '',
  ];
}
