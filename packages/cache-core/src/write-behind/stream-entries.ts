import type { QueuedOp } from './queue.js';

export interface StreamEntry {
  id: string;
  op: QueuedOp;
  key: string;
  payload: string;
}

function isEntryTuple(value: unknown): value is [string, string[]] {
  return Array.isArray(value) && typeof value[0] === 'string' && Array.isArray(value[1]);
}

/** [id, [field, value, ...]] tuples (XREADGROUP / XAUTOCLAIM) → entries; malformed ones keep op ''. */
export function parseEntries(raw: unknown): StreamEntry[] {
  if (!Array.isArray(raw)) return [];
  const entries: StreamEntry[] = [];
  for (const item of raw) {
    if (!isEntryTuple(item)) continue;
    const [id, list] = item;
    const fields = new Map<string, string>();
    for (let i = 0; i + 1 < list.length; i += 2) fields.set(String(list[i]), String(list[i + 1]));
    const op = fields.get('op') === 'delete' ? 'delete' : 'set';
    entries.push({ id, op, key: fields.get('key') ?? '', payload: fields.get('val') ?? '' });
  }
  return entries;
}

/** XAUTOCLAIM reply: [nextId, entries, deletedIds]. */
export function parseAutoClaim(raw: unknown): StreamEntry[] {
  return Array.isArray(raw) ? parseEntries(raw[1]) : [];
}

/** XREADGROUP reply: [[stream, entries]] or null. */
export function parseReadGroup(raw: unknown): StreamEntry[] {
  if (!Array.isArray(raw) || !Array.isArray(raw[0])) return [];
  return parseEntries((raw[0] as unknown[])[1]);
}

/** Entries grouped by key, each group in stream order. */
export function chainsByKey(entries: readonly StreamEntry[]): StreamEntry[][] {
  const chains = new Map<string, StreamEntry[]>();
  for (const entry of entries) {
    const chain = chains.get(entry.key);
    if (chain === undefined) chains.set(entry.key, [entry]);
    else chain.push(entry);
  }
  return [...chains.values()];
}
