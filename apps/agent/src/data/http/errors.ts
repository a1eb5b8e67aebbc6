// Every data API failure is `{ error: { code, message } }` with the status the contract gives it.
import { CacheError } from '@cachefleet/cache-core';

export class DataApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const cacheErrorStatus: Record<string, { status: number; code?: string }> = {
  E_INVALID_KEY: { status: 400 },
  E_VALUE_TOO_LARGE: { status: 400 },
  E_UNSERIALIZABLE: { status: 400, code: 'E_BAD_REQUEST' },
  E_INVALID_OPTION: { status: 400, code: 'E_BAD_REQUEST' },
  E_INVALID_NAMESPACE: { status: 400 },
  E_NO_SOURCE: { status: 400, code: 'E_BAD_REQUEST' },
  E_SOURCE_TIMEOUT: { status: 504 },
  E_SOURCE_ERROR: { status: 502 },
  E_L2_UNAVAILABLE: { status: 503 },
  // A namespace closed under a request while its config was being replaced.
  E_CLOSED: { status: 503, code: 'E_NOT_READY' },
};

/** A DataApiError for anything a handler threw; unknown errors are 500 E_INTERNAL. */
export function toDataApiError(error: unknown): DataApiError {
  if (error instanceof DataApiError) return error;
  if (error instanceof CacheError) {
    const mapped = cacheErrorStatus[error.code] ?? { status: 500 };
    return new DataApiError(mapped.status, mapped.code ?? error.code, error.message);
  }
  return new DataApiError(500, 'E_INTERNAL', 'internal error');
}
