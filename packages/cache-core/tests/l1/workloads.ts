/** Deterministic synthetic request streams for the policy tests (xorshift32, fixed seeds). */
export function random(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** A hot set hit 60% of the time, interleaved with a scan of keys that are never seen again. */
export function scanWithHotSet(requests: number, hotKeys: number, seed = 7): string[] {
  const next = random(seed);
  const keys: string[] = [];
  let scan = 0;
  for (let i = 0; i < requests; i++) {
    keys.push(next() < 0.6 ? `hot:${Math.floor(next() * hotKeys)}` : `scan:${scan++}`);
  }
  return keys;
}

/** Recency only: every key is requested once more a short random distance later, then never again. */
export function shortReuse(requests: number, maxDistance: number, seed = 11): string[] {
  const next = random(seed);
  const keys: (string | undefined)[] = new Array<string | undefined>(requests);
  let fresh = 0;
  for (let i = 0; i < requests; i++) {
    if (keys[i] !== undefined) continue;
    const key = `k:${fresh++}`;
    keys[i] = key;
    let j = i + 1 + Math.floor(next() * maxDistance);
    while (j < requests && keys[j] !== undefined) j++;
    if (j < requests) keys[j] = key;
  }
  return keys.map((key) => key ?? '');
}

/** The same `length` keys requested in order, over and over: LRU misses every time below `length`. */
export function loop(requests: number, length: number): string[] {
  return Array.from({ length: requests }, (_, i) => `loop:${i % length}`);
}
