import { createPolicy, type PolicyName } from './policies.js';
import { replay } from './replay.js';
import { readTrace } from './trace-reader.js';

export interface HitRatioRow {
  trace: string;
  size: number;
  policy: PolicyName;
  requests: number;
  hits: number;
  hitRatio: number;
}

/** Reads the files and concatenates them into one request stream (a repeated file is read once). */
export async function loadWorkload(files: readonly string[]): Promise<string[]> {
  const cache = new Map<string, string[]>();
  const keys: string[] = [];
  for (const file of files) {
    let trace = cache.get(file);
    if (trace === undefined) {
      trace = await readTrace(file);
      cache.set(file, trace);
    }
    for (const key of trace) keys.push(key);
  }
  return keys;
}

/** Replays the stream once per (size, policy), each from a cold cache. */
export function sweep(
  trace: string,
  keys: readonly string[],
  sizes: readonly number[],
  policies: readonly PolicyName[],
  onRow: (row: HitRatioRow) => void,
): HitRatioRow[] {
  const rows: HitRatioRow[] = [];
  for (const size of sizes) {
    for (const policy of policies) {
      const { requests, hits } = replay(keys, createPolicy(policy, size));
      const row = {
        trace,
        size,
        policy,
        requests,
        hits,
        hitRatio: requests === 0 ? 0 : hits / requests,
      };
      rows.push(row);
      onRow(row);
    }
  }
  return rows;
}
