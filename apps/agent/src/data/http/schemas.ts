// zod schemas of the /v1 request bodies (data contract); per-namespace limits are applied after.
import { z } from 'zod';

const tags = z.array(z.string().min(1).max(256)).max(64);
const keys = z.array(z.string().min(1)).min(1).max(1000);

export const setBody = z.object({ value: z.json(), tags: tags.optional() }).strict();

export const getManyBody = z.object({ keys }).strict();

export const setManyBody = z
  .object({
    entries: z
      .array(z.object({ key: z.string().min(1), value: z.json(), tags: tags.optional() }).strict())
      .min(1)
      .max(1000),
  })
  .strict();

export const invalidateBody = z.union([
  z.object({ keys }).strict(),
  z.object({ tag: z.string().min(1).max(256) }).strict(),
]);
