/** The two calls a trace replay needs; every policy under test adapts to this. */
export interface ReplayCache {
  get(key: string): unknown;
  set(key: string, value: true): void;
}

export interface ReplayResult {
  requests: number;
  hits: number;
}

/** Replays a trace from a cold cache: each key is one get; a miss inserts the key with weight 1. */
export function replay(keys: readonly string[], cache: ReplayCache): ReplayResult {
  let hits = 0;
  for (const key of keys) {
    if (cache.get(key) === undefined) cache.set(key, true);
    else hits++;
  }
  return { requests: keys.length, hits };
}
