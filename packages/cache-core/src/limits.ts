import {
  InvalidKeyError,
  InvalidNamespaceError,
  InvalidOptionError,
  ValueTooLargeError,
} from './errors.js';

export const MAX_KEY_BYTES = 1024;
export const DEFAULT_MAX_VALUE_BYTES = 1024 * 1024;
export const MAX_VALUE_BYTES_CEILING = 64 * 1024 * 1024;

// Namespaces appear in Redis keys and channel names, so they stay printable and brace-free.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const namespacePattern = /^[A-Za-z0-9_.-]{1,64}$/;

export function assertNamespace(namespace: string): void {
  if (!namespacePattern.test(namespace)) {
    throw new InvalidNamespaceError(`namespace must match ${namespacePattern.source}`);
  }
}

export function assertKey(key: unknown): asserts key is string {
  if (typeof key !== 'string') throw new InvalidKeyError('key must be a string');
  if (key.length === 0) throw new InvalidKeyError('key must not be empty');
  // A UTF-16 unit is at most 3 UTF-8 bytes, so short keys skip the byte count on the hot path.
  const bytes = key.length * 3 <= MAX_KEY_BYTES ? 0 : Buffer.byteLength(key, 'utf8');
  if (bytes > MAX_KEY_BYTES) {
    throw new InvalidKeyError(`key is ${bytes} bytes, the limit is ${MAX_KEY_BYTES}`);
  }
  // A lone surrogate cannot round-trip through UTF-8, so two keys could collide in Redis.
  if (hasSurrogate(key) && loneSurrogate.test(key))
    throw new InvalidKeyError('key is not well-formed UTF-16');
}

/** A scan of char codes: most keys hold no surrogate at all and need not run the regex. */
function hasSurrogate(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    if ((key.charCodeAt(i) & 0xf800) === 0xd800) return true;
  }
  return false;
}

export function assertValueSize(payload: string, limit: number): number {
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes > limit) throw new ValueTooLargeError(bytes, limit);
  return bytes;
}

export function assertMaxValueBytes(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_VALUE_BYTES_CEILING) {
    throw new InvalidOptionError(
      `maxValueBytes must be an integer in 1..${MAX_VALUE_BYTES_CEILING}`,
    );
  }
}

export function assertTag(tag: unknown): asserts tag is string {
  if (typeof tag !== 'string' || tag.length === 0 || Buffer.byteLength(tag) > 256) {
    throw new InvalidKeyError('tags must be non-empty strings of at most 256 bytes');
  }
}
