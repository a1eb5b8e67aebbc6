import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '@cachefleet/api';

export interface ControlClientOptions {
  /** The console's base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** Sent as `Authorization: Bearer <token>` on every call. */
  token?: string;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof globalThis.fetch;
}

export type ControlClient = TRPCClient<AppRouter>;

/** The typed tRPC client for the control plane: every router, input and output checked at compile time. */
export function createControlClient(options: ControlClientOptions): ControlClient {
  const base = options.url.replace(/\/+$/, '');
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${base}/api/trpc`,
        fetch: options.fetch,
        headers: () => (options.token ? { authorization: `Bearer ${options.token}` } : {}),
      }),
    ],
  });
}
