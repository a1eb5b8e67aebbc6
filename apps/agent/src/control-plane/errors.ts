import { isTRPCClientError } from '@trpc/client';
import type { AppRouter } from '@cachefleet/api';

export interface ControlPlaneFailure {
  /** A stable code: the server's appCode or tRPC code, E_CONSOLE_BAD_RESPONSE or E_CONSOLE_UNREACHABLE. */
  code: string;
  message: string;
  /** refused: the console said no; bad-response: something else answered; unreachable: nobody did. */
  kind: 'refused' | 'bad-response' | 'unreachable';
}

/** The network error's own cause (ECONNREFUSED, ENOTFOUND, timeout) is what an operator needs. */
function rootMessage(error: Error): string {
  const cause: unknown = error.cause;
  if (!(cause instanceof Error)) return error.message;
  const inner = rootMessage(cause);
  // tRPC wraps fetch's TypeError with the same message; say it once.
  return inner.startsWith(error.message) ? inner : `${error.message}: ${inner}`;
}

/** A reply that is not JSON: a proxy's error page, or a URL that is not the console. */
function isBadResponse(error: Error): boolean {
  if (error instanceof SyntaxError) return true;
  return error.cause instanceof Error && isBadResponse(error.cause);
}

/** Turns anything a tRPC call threw into a code and a message fit for an operator. */
export function describeFailure(error: unknown): ControlPlaneFailure {
  if (isTRPCClientError<AppRouter>(error) && error.data) {
    const code = error.data.appCode ?? error.data.code;
    return { code, message: error.message, kind: 'refused' };
  }
  if (!(error instanceof Error)) {
    return { code: 'E_CONSOLE_UNREACHABLE', message: String(error), kind: 'unreachable' };
  }
  return isBadResponse(error)
    ? { code: 'E_CONSOLE_BAD_RESPONSE', message: rootMessage(error), kind: 'bad-response' }
    : { code: 'E_CONSOLE_UNREACHABLE', message: rootMessage(error), kind: 'unreachable' };
}
