import { CacheError, type CacheErrorCode } from '@cachefleet/cache-core';

/**
 * Every code the SDK throws. cache-core's own codes (E_INVALID_KEY, E_VALUE_TOO_LARGE,
 * E_SOURCE_TIMEOUT, E_L2_UNAVAILABLE, …) keep their meaning; the rest come from the agent data API
 * and the control plane (data contract), plus E_AGENT_UNAVAILABLE when no agent answered at all and
 * E_UNAVAILABLE when the control plane did not.
 */
export type CachefleetErrorCode =
  | CacheErrorCode
  | 'E_NOT_FOUND'
  | 'E_BAD_JSON'
  | 'E_BAD_REQUEST'
  | 'E_UNAUTHORIZED'
  | 'E_FORBIDDEN'
  | 'E_UNKNOWN_NAMESPACE'
  | 'E_NOT_READY'
  | 'E_AGENT_UNAVAILABLE'
  | 'E_UNAVAILABLE'
  | 'E_INTERNAL';

/** The one error class the SDK throws; branch on `code` (or on the subclasses below). */
export class CachefleetError extends Error {
  readonly code: CachefleetErrorCode;
  /** HTTP status of the answer that carried the error, when there was one. */
  readonly status: number | undefined;

  constructor(
    code: CachefleetErrorCode,
    message: string,
    options?: { status?: number; cause?: unknown },
  ) {
    super(message, { cause: options?.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options?.status;
  }
}

/** The request itself is wrong (key, value size, JSON, namespace name): retrying cannot help. */
export class InvalidRequestError extends CachefleetError {}
/** The API key is missing, wrong or revoked. */
export class UnauthorizedError extends CachefleetError {}
/** The API key does not cover this namespace, or only reads it. */
export class ForbiddenError extends CachefleetError {}
/** No namespace of that name exists. */
export class UnknownNamespaceError extends CachefleetError {}
/** Cachefleet could not serve the call right now (agents, Redis or the source): retry later. */
export class UnavailableError extends CachefleetError {}

type ErrorClass = new (...args: ConstructorParameters<typeof CachefleetError>) => CachefleetError;

const classes: Partial<Record<CachefleetErrorCode, ErrorClass>> = {
  E_INVALID_KEY: InvalidRequestError,
  E_INVALID_NAMESPACE: InvalidRequestError,
  E_INVALID_OPTION: InvalidRequestError,
  E_VALUE_TOO_LARGE: InvalidRequestError,
  E_UNSERIALIZABLE: InvalidRequestError,
  E_BAD_JSON: InvalidRequestError,
  E_BAD_REQUEST: InvalidRequestError,
  E_UNAUTHORIZED: UnauthorizedError,
  E_FORBIDDEN: ForbiddenError,
  E_UNKNOWN_NAMESPACE: UnknownNamespaceError,
  E_NOT_READY: UnavailableError,
  E_L2_UNAVAILABLE: UnavailableError,
  E_SOURCE_TIMEOUT: UnavailableError,
  E_SOURCE_ERROR: UnavailableError,
  E_AGENT_UNAVAILABLE: UnavailableError,
  E_UNAVAILABLE: UnavailableError,
};

const knownCodes = new Set<string>([
  ...Object.keys(classes),
  'E_NOT_FOUND',
  'E_NO_SOURCE',
  'E_CLOSED',
  'E_INTERNAL',
]);

function isCode(code: string): code is CachefleetErrorCode {
  return knownCodes.has(code);
}

/** The error for a code; a code this SDK does not know becomes E_INTERNAL with the code in the message. */
export function cachefleetError(
  code: string,
  message: string,
  options?: { status?: number; cause?: unknown },
): CachefleetError {
  if (!isCode(code)) return new CachefleetError('E_INTERNAL', `${code}: ${message}`, options);
  const ErrorType = classes[code] ?? CachefleetError;
  return new ErrorType(code, message, options);
}

/** cache-core's errors (thrown by the embedded cache) keep their code and become SDK errors. */
export function toCachefleetError(error: unknown): unknown {
  if (error instanceof CachefleetError) return error;
  if (error instanceof CacheError)
    return cachefleetError(error.code, error.message, { cause: error });
  return error;
}
