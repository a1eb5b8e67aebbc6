import { KeyLayout } from '@cachefleet/cache-core';
import type { Cluster, Redis } from 'ioredis';
import { z } from 'zod';
import { appError } from '../errors.js';

/** One opaque cursor over all primaries: which node (by address) and where SCAN stands on it. */
const cursorState = z.object({
  node: z.string(),
  at: z.string().regex(/^\d+$/),
  gen: z.number().int(),
});
type CursorState = z.infer<typeof cursorState>;

function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

function decodeCursor(cursor: string): CursorState {
  try {
    return cursorState.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw appError('BAD_REQUEST', 'E_BAD_CURSOR', 'this cursor was not issued by keys.scan');
  }
}

function address(node: Redis): string {
  return `${node.options.host ?? ''}:${String(node.options.port ?? '')}`;
}

export interface ScanPage {
  keys: string[];
  cursor: string | null;
}

export async function readGeneration(client: Cluster, layout: KeyLayout): Promise<number> {
  const stored = await client.get(layout.generation());
  return stored === null ? 0 : Number(stored);
}

/**
 * A page of a namespace's keys of the current generation whose user key matches `pattern` (glob),
 * SCANning one primary after another (never KEYS). Pages may be short or empty before the end.
 */
export async function scanKeys(
  client: Cluster,
  namespace: string,
  options: { pattern: string; cursor: string | null; count: number },
): Promise<ScanPage> {
  const layout = new KeyLayout(namespace);
  const primaries = client.nodes('master').sort((a, b) => address(a).localeCompare(address(b)));
  const state = options.cursor
    ? decodeCursor(options.cursor)
    : {
        node: primaries[0] ? address(primaries[0]) : '',
        at: '0',
        gen: await readGeneration(client, layout),
      };
  let index = primaries.findIndex((n) => address(n) === state.node);
  if (index < 0)
    throw appError('CONFLICT', 'E_CURSOR_STALE', 'the cluster changed; start the scan again');
  // The user's glob goes inside the hash tag, so it applies to the user key only.
  const match = layout.entry(state.gen, options.pattern);
  const prefix = layout.entry(state.gen, '');
  const keys: string[] = [];
  let at = state.at;
  for (let rounds = 0; keys.length < options.count && rounds < 20; rounds++) {
    const node = primaries[index];
    if (!node) break;
    const [next, found] = await node.scan(at, 'MATCH', match, 'COUNT', options.count);
    for (const key of found) keys.push(key.slice(prefix.length - 1, -1));
    at = next;
    if (at === '0') index += 1;
  }
  const nextNode = primaries[index];
  const cursor = nextNode ? encodeCursor({ node: address(nextNode), at, gen: state.gen }) : null;
  return { keys, cursor };
}
