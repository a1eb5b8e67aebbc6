import type { L2Record, RecordKind } from '../record.js';

/**
 * An L2 record is ONE Redis string, so a hit is one GET: the former 7-field hash cost an HMGET
 * whose 7-element reply dominated the L2-hit path. The header is fixed-width ASCII, so the Lua
 * scripts read it with `string.sub` and JS with `charCodeAt`, neither needing a parser:
 *
 *   offset  width  field
 *   0       1      format marker '1' (anything else reads as absent)
 *   1       1      kind: v value, n negative, t tombstone
 *   2       16     version, zero-padded decimal (fits every safe integer)
 *   18      16     softExpiresAt, epoch ms
 *   34      16     createdAt, epoch ms
 *   50      2      length of the pending write-behind id, 00 = none (stream ids are ASCII)
 *   52      8      length of the tags JSON in UTF-16 units (only JS reads tags)
 *   60      …      pending id, tags JSON, then the payload up to the end
 *
 * Keep in sync with the offsets in scripts.ts.
 */
export const HEADER_LENGTH = 60;
const FORMAT = '1';
const NUMBER_WIDTH = 16;
const PID_WIDTH = 2;
const TAGS_WIDTH = 8;
const noTags: readonly string[] = Object.freeze([]);

const kindCodes: Record<RecordKind, string> = { value: 'v', negative: 'n', tombstone: 't' };

function fixed(n: number, width: number): string {
  const clamped = Math.min(Number.MAX_SAFE_INTEGER, Math.max(0, Math.floor(n)));
  return String(clamped).padStart(width, '0');
}

/** Record → the string SET into Redis. Throws if a variable part outgrows its length field. */
export function encodeRecord(record: L2Record): string {
  const pid = record.pendingId ?? '';
  const tags = record.tags.length === 0 ? '' : JSON.stringify(record.tags);
  if (pid.length >= 10 ** PID_WIDTH || tags.length >= 10 ** TAGS_WIDTH) {
    throw new RangeError('pending id or tags too long for the L2 record header');
  }
  return (
    FORMAT +
    kindCodes[record.kind] +
    fixed(record.version, NUMBER_WIDTH) +
    fixed(record.softExpiresAt, NUMBER_WIDTH) +
    fixed(record.createdAt, NUMBER_WIDTH) +
    fixed(pid.length, PID_WIDTH) +
    fixed(tags.length, TAGS_WIDTH) +
    pid +
    tags +
    (record.kind === 'value' ? record.payload : '')
  );
}

/** Fixed-width decimal at `start`; NaN on a non-digit. Exact up to 2^53. */
function digits(text: string, start: number, width: number): number {
  let n = 0;
  for (let i = start; i < start + width; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

function decodeKind(code: number): RecordKind | undefined {
  if (code === 118) return 'value'; // 'v'
  if (code === 110) return 'negative'; // 'n'
  if (code === 116) return 'tombstone'; // 't'
  return undefined;
}

function decodeTags(text: string): readonly string[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : noTags;
}

/** GET reply → record; a missing, foreign or truncated value reads as absent. */
export function decodeRecord(text: string | null): L2Record | undefined {
  if (text === null || text.length < HEADER_LENGTH || text[0] !== FORMAT) return undefined;
  const kind = decodeKind(text.charCodeAt(1));
  const version = digits(text, 2, NUMBER_WIDTH);
  const pidLength = digits(text, 50, PID_WIDTH);
  const tagsLength = digits(text, 52, TAGS_WIDTH);
  const tagsStart = HEADER_LENGTH + pidLength;
  const payloadStart = tagsStart + tagsLength;
  if (kind === undefined || Number.isNaN(version + pidLength + tagsLength)) return undefined;
  if (payloadStart > text.length) return undefined;
  const record: L2Record = {
    kind,
    version,
    payload: payloadStart === text.length ? '' : text.slice(payloadStart),
    softExpiresAt: digits(text, 18, NUMBER_WIDTH),
    createdAt: digits(text, 34, NUMBER_WIDTH),
    tags: tagsLength === 0 ? noTags : decodeTags(text.slice(tagsStart, payloadStart)),
  };
  if (pidLength > 0) record.pendingId = text.slice(HEADER_LENGTH, tagsStart);
  return record;
}
