/** Stable error codes: callers branch on these, never on messages. */
export type CacheErrorCode =
  | 'E_INVALID_KEY'
  | 'E_INVALID_NAMESPACE'
  | 'E_INVALID_OPTION'
  | 'E_VALUE_TOO_LARGE'
  | 'E_UNSERIALIZABLE'
  | 'E_SOURCE_TIMEOUT'
  | 'E_SOURCE_ERROR'
  | 'E_NO_SOURCE'
  | 'E_L2_UNAVAILABLE'
  | 'E_CLOSED';

export class CacheError extends Error {
  readonly code: CacheErrorCode;

  constructor(code: CacheErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export class InvalidKeyError extends CacheError {
  constructor(message: string) {
    super('E_INVALID_KEY', message);
  }
}

export class InvalidNamespaceError extends CacheError {
  constructor(message: string) {
    super('E_INVALID_NAMESPACE', message);
  }
}

export class InvalidOptionError extends CacheError {
  constructor(message: string) {
    super('E_INVALID_OPTION', message);
  }
}

export class ValueTooLargeError extends CacheError {
  constructor(bytes: number, limit: number) {
    super('E_VALUE_TOO_LARGE', `value is ${bytes} bytes, the limit is ${limit}`);
  }
}

export class UnserializableError extends CacheError {
  constructor(cause: unknown) {
    super('E_UNSERIALIZABLE', `value cannot be serialized: ${String(cause)}`, { cause });
  }
}

export class SourceTimeoutError extends CacheError {
  constructor(timeoutMs: number) {
    super('E_SOURCE_TIMEOUT', `source did not answer within ${timeoutMs} ms`);
  }
}

export class SourceError extends CacheError {
  constructor(operation: string, cause: unknown) {
    super('E_SOURCE_ERROR', `source ${operation} failed: ${errorMessage(cause)}`, { cause });
  }
}

export class NoSourceError extends CacheError {
  constructor(operation: string) {
    super('E_NO_SOURCE', `${operation} needs a source, and this namespace has none`);
  }
}

export class L2UnavailableError extends CacheError {
  constructor(operation: string, cause: unknown) {
    super('E_L2_UNAVAILABLE', `L2 ${operation} failed: ${errorMessage(cause)}`, { cause });
  }
}

export class CacheClosedError extends CacheError {
  constructor() {
    super('E_CLOSED', 'the cache is closed');
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
