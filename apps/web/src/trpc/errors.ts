import type { AppRouter } from '@cachefleet/api';
import { isTRPCClientError, type TRPCClientError } from '@trpc/client';

export type ApiError = TRPCClientError<AppRouter>;

export function isApiError(error: unknown): error is ApiError {
  return isTRPCClientError<AppRouter>(error);
}

/** The tRPC code of a failed call (UNAUTHORIZED, FORBIDDEN, ...), if it came from the API. */
export function errorCode(error: unknown): string | undefined {
  return isApiError(error) ? error.data?.code : undefined;
}

/** A sentence for the user: the server's own message, or a hint that the network failed. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    if (error.data?.zodError) return 'some fields are not valid; see the messages below';
    if (error.data) return error.message;
  }
  return 'the console could not reach its server; check your connection and try again';
}

/**
 * Per-field messages from the API's input validation, keyed by field name, and by the full path
 * ("policy.ttlSeconds", "scopes.0.namespace") for fields of nested inputs.
 */
export function fieldErrors(error: unknown): Partial<Record<string, string>> {
  if (!isApiError(error)) return {};
  // The API flattens errors of any input schema, so the field map is untyped: narrow it here.
  const fields: Record<string, unknown> = error.data?.zodError?.fieldErrors ?? {};
  const result: Partial<Record<string, string>> = Object.fromEntries(
    Object.entries(fields).map(([field, messages]) => [
      field,
      Array.isArray(messages) ? messages.map(String).join('; ') : undefined,
    ]),
  );
  for (const issue of error.data?.zodIssues ?? []) {
    if (!issue.path.includes('.')) continue;
    const before = result[issue.path];
    result[issue.path] = before ? `${before}; ${issue.message}` : issue.message;
  }
  return result;
}
