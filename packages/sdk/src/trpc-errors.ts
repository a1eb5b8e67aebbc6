import { TRPCClientError } from '@trpc/client';
import { cachefleetError } from './errors.js';

const byTrpcCode: Record<string, string> = {
  UNAUTHORIZED: 'E_UNAUTHORIZED',
  FORBIDDEN: 'E_FORBIDDEN',
  NOT_FOUND: 'E_UNKNOWN_NAMESPACE',
  BAD_REQUEST: 'E_BAD_REQUEST',
  PAYLOAD_TOO_LARGE: 'E_VALUE_TOO_LARGE',
  SERVICE_UNAVAILABLE: 'E_NOT_READY',
  TIMEOUT: 'E_SOURCE_TIMEOUT',
};

function field(data: unknown, name: string): unknown {
  return typeof data === 'object' && data !== null
    ? (data as Record<string, unknown>)[name]
    : undefined;
}

/**
 * A control-plane (tRPC) failure as an SDK error: the server's `data.appCode` when it sent one,
 * else its tRPC code mapped; no answer at all means the control plane is unreachable.
 */
export function fromTrpcError(error: unknown): unknown {
  if (!(error instanceof TRPCClientError)) return error;
  const data: unknown = error.data;
  const appCode = field(data, 'appCode');
  const status = field(data, 'httpStatus');
  const options = { cause: error, status: typeof status === 'number' ? status : undefined };
  if (typeof appCode === 'string') return cachefleetError(appCode, error.message, options);
  const trpcCode = field(data, 'code');
  if (typeof trpcCode !== 'string') {
    return cachefleetError('E_UNAVAILABLE', `control plane unreachable: ${error.message}`, options);
  }
  return cachefleetError(byTrpcCode[trpcCode] ?? 'E_INTERNAL', error.message, options);
}

/** Runs a control-plane call, rethrowing its failure as an SDK error. */
export async function controlCall<R>(call: () => Promise<R>): Promise<R> {
  try {
    return await call();
  } catch (error) {
    throw fromTrpcError(error);
  }
}
