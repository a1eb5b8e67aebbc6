import { isTRPCClientError } from '@trpc/client';
import type { AppRouter } from '@cachefleet/api';

export interface ControlPlaneFailure {
  /** A stable code: the server's appCode, its tRPC code, or E_CONSOLE_UNREACHABLE. */
  code: string;
  message: string;
  /** True when the console answered (the request was refused), false when it could not be reached. */
  answered: boolean;
}

/** The network error's own cause (ECONNREFUSED, ENOTFOUND, timeout) is what an operator needs. */
function rootMessage(error: Error): string {
  const cause: unknown = error.cause;
  if (!(cause instanceof Error)) return error.message;
  const inner = rootMessage(cause);
  // tRPC wraps fetch's TypeError with the same message; say it once.
  return inner.startsWith(error.message) ? inner : `${error.message}: ${inner}`;
}

/** Turns anything a tRPC call threw into a code and a message fit for an operator. */
export function describeFailure(error: unknown): ControlPlaneFailure {
  if (isTRPCClientError<AppRouter>(error) && error.data) {
    const code = error.data.appCode ?? error.data.code;
    return { code, message: error.message, answered: true };
  }
  const message = error instanceof Error ? rootMessage(error) : String(error);
  return { code: 'E_CONSOLE_UNREACHABLE', message, answered: false };
}
