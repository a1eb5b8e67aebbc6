import { ForbiddenError, InvalidRequestError } from '../errors.js';
import { MAX_BATCH } from '../namespace-client.js';
import type { DirectConnection } from './connection.js';

/**
 * The namespace's own limits, checked before anything is sent (cache-core checks its global
 * ones): a key longer than the namespace allows, a batch over the contract's size, tags on a
 * namespace without them, a write with a read-only key.
 */
export function checkKey(connection: DirectConnection<unknown>, key: string): void {
  const limit = connection.policy.maxKeyBytes;
  // A UTF-16 unit is at most 3 UTF-8 bytes: short keys skip the byte count on the read path.
  if (typeof key === 'string' && key.length * 3 > limit) {
    const bytes = Buffer.byteLength(key, 'utf8');
    if (bytes > limit) {
      throw new InvalidRequestError(
        'E_INVALID_KEY',
        `key is ${bytes} bytes, the limit is ${limit}`,
      );
    }
  }
}

export function checkBatch(size: number): void {
  if (size > MAX_BATCH) {
    throw new InvalidRequestError('E_BAD_REQUEST', `at most ${MAX_BATCH} keys per call (${size})`);
  }
}

export function checkTags(
  connection: DirectConnection<unknown>,
  tags: readonly string[] | undefined,
): void {
  if (tags !== undefined && tags.length > 0 && !connection.policy.tagsEnabled) {
    throw new InvalidRequestError('E_BAD_REQUEST', 'tags are disabled for this namespace');
  }
}

export function checkWritable(connection: DirectConnection<unknown>, name: string): void {
  if (connection.permission !== 'read-write') {
    throw new ForbiddenError('E_FORBIDDEN', `this API key may only read namespace ${name}`);
  }
}
