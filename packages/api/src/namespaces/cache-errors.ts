import { CacheError, type CacheErrorCode } from '@cachefleet/cache-core';
import type { TRPCError } from '@trpc/server';
import { appError } from '../errors.js';

type TrpcCode = TRPCError['code'];

const codes: Partial<Record<CacheErrorCode, TrpcCode>> = {
  E_INVALID_KEY: 'BAD_REQUEST',
  E_INVALID_NAMESPACE: 'BAD_REQUEST',
  E_VALUE_TOO_LARGE: 'BAD_REQUEST',
  E_UNSERIALIZABLE: 'BAD_REQUEST',
  E_NO_SOURCE: 'BAD_REQUEST',
  E_SOURCE_TIMEOUT: 'GATEWAY_TIMEOUT',
  E_SOURCE_ERROR: 'BAD_GATEWAY',
  E_L2_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

/** Runs a cache-core call, turning its coded errors into tRPC errors carrying the same code. */
export async function cacheCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof CacheError)) throw error;
    throw appError(codes[error.code] ?? 'INTERNAL_SERVER_ERROR', error.code, error.message);
  }
}
