/**
 * 32-bit FNV-1a over UTF-16 code units followed by murmur3's finalizer. Computed once per insert (the
 * entry keeps it), so its cost is off the hit path; the finalizer spreads low-entropy keys such as
 * sequential integers over all bits, which the sketch's index derivation relies on.
 */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  // Signed 32-bit, so V8 keeps it a small integer: an unsigned value above 2^31 would be boxed.
  return h | 0;
}

/** One step of xorshift32 (Marsaglia): a cheap, allocation-free pseudo-random sequence. */
export function xorshift32(x: number): number {
  let y = x ^ (x << 13);
  y ^= y >>> 17;
  return y ^ (y << 5);
}
