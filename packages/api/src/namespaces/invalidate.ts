import { z } from 'zod';
import { cacheCall } from './cache-errors.js';
import { checkKey, looseKey, looseTag } from './data-access.js';
import type { GatewayCache } from './gateway-registry.js';

/** `{ keys }` or `{ tag }`, for a namespace given by `namespace`'s schema. */
export function invalidateInput<N extends z.ZodType<string>>(namespace: N) {
  return z.union([
    z.object({ namespace, keys: z.array(looseKey).min(1).max(1000) }),
    z.object({ namespace, tag: looseTag }),
  ]);
}

/** Drops cached copies (L2 and, through the bus, every L1) of the keys or of the tag's entries. */
export async function invalidate(
  gw: GatewayCache,
  input: { keys: string[] } | { tag: string },
): Promise<void> {
  if ('tag' in input) {
    await cacheCall(() => gw.cache.invalidateTag(input.tag));
    return;
  }
  for (const key of input.keys) checkKey(gw.namespace.policy, key);
  await cacheCall(async () => {
    for (const key of input.keys) await gw.cache.invalidate(key);
  });
}
