import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '@cachefleet/api';

export type ControlPlaneClient = TRPCClient<AppRouter>;

/** The console mounts its tRPC router here (fetch adapter, no transformer). */
export function trpcUrl(consoleUrl: string): string {
  return `${consoleUrl.replace(/\/+$/, '')}/api/trpc`;
}

/** A client for the console; with a credential it authenticates as this agent. */
export function createControlPlaneClient(
  consoleUrl: string,
  credential?: string,
): ControlPlaneClient {
  const headers: Record<string, string> = credential
    ? { Authorization: `Bearer ${credential}` }
    : {};
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: trpcUrl(consoleUrl), headers })] });
}

/** Control-plane calls never hang the agent: each one gets its own deadline. */
export function callTimeout(ms = 5_000): { signal: AbortSignal } {
  return { signal: AbortSignal.timeout(ms) };
}
