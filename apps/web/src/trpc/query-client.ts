import { QueryCache, QueryClient } from '@tanstack/react-query';
import { errorCode } from './errors';

/** Errors that another attempt cannot fix; everything else (network, 5xx) is retried. */
const finalCodes = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST', 'CONFLICT']);

/** Query client whose queries send the browser to sign-in when the session has ended. */
export function makeQueryClient(onUnauthorized: () => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError(error) {
        if (errorCode(error) === 'UNAUTHORIZED') onUnauthorized();
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        retry: (failures, error) => failures < 2 && !finalCodes.has(errorCode(error) ?? ''),
      },
      mutations: { retry: false },
    },
  });
}
