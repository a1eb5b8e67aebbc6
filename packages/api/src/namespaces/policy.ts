import { MAX_KEY_BYTES, MAX_VALUE_BYTES_CEILING } from '@cachefleet/cache-core';
import { z } from 'zod';

/** Namespace names appear in Redis keys (`cf:<ns>:…`), ACL patterns and URLs. */
export const namespaceNamePattern = /^[a-z][a-z0-9_-]{0,62}$/;
export const namespaceName = z
  .string()
  .regex(
    namespaceNamePattern,
    'a namespace name is a lowercase letter then up to 62 of a-z 0-9 _ -',
  );

const maxTtlSeconds = 365 * 24 * 3600;
const seconds = z.number().int().min(1).max(maxTtlSeconds);

/** The policy of the data contract, with its limits; defaults make a working write-through cache. */
export const namespacePolicy = z
  .object({
    writeMode: z.enum(['write-through', 'write-behind', 'cache-aside']).default('write-through'),
    ttlSeconds: seconds.default(600),
    softTtlSeconds: seconds.nullable().default(null),
    jitter: z.number().min(0).lt(1).default(0.1),
    negativeTtlSeconds: seconds.nullable().default(null),
    l1MaxEntries: z.number().int().min(1).max(10_000_000).default(10_000),
    l1MaxBytes: z
      .number()
      .int()
      .min(1024)
      .max(4 * 1024 ** 3)
      .default(64 * 1024 ** 2),
    maxKeyBytes: z.number().int().min(1).max(MAX_KEY_BYTES).default(MAX_KEY_BYTES),
    maxValueBytes: z
      .number()
      .int()
      .min(1)
      .max(MAX_VALUE_BYTES_CEILING)
      .default(1024 ** 2),
    tagsEnabled: z.boolean().default(true),
  })
  .refine((p) => p.softTtlSeconds === null || p.softTtlSeconds <= p.ttlSeconds, {
    error: 'softTtlSeconds must not exceed ttlSeconds',
    path: ['softTtlSeconds'],
  });

/** A PostgreSQL identifier we quote ourselves; no schema-qualified names or odd characters. */
export const sqlIdentifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'an identifier is a letter or _ then letters, digits, _');

export const sourceMapping = z.object({
  table: sqlIdentifier,
  keyColumn: sqlIdentifier.default('key'),
  valueColumn: sqlIdentifier.default('value'),
  versionColumn: sqlIdentifier.default('version'),
  valueType: z.enum(['jsonb', 'bytea']).default('jsonb'),
});

export type NamespacePolicyInput = z.input<typeof namespacePolicy>;
export type SourceMappingInput = z.input<typeof sourceMapping>;
