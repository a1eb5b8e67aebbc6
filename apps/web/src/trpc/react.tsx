'use client';

import type { AppRouter } from '@cachefleet/api';
import { QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { useState, type ReactNode } from 'react';
import { makeQueryClient } from './query-client';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** A full navigation, so no signed-out user keeps a previous user's cached data. */
function goToLogin(): void {
  if (window.location.pathname !== '/login') window.location.assign('/login');
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  // One client per browser tab (and per server render), never shared between requests.
  const [queryClient] = useState(() => makeQueryClient(goToLogin));
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: '/api/trpc', maxURLLength: 2000 })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
