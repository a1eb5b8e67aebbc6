'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '~/trpc/react';

/** After an operation starts: refresh the cluster and the operations list at once. */
export function useRefreshAfterLaunch() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.clusters.pathFilter()),
      queryClient.invalidateQueries(trpc.operations.pathFilter()),
    ]);
  };
}

/** "Started: <link to the operation>" once a launch succeeded. */
export function Launched({ operation }: { operation: { id: string; kind: string } | undefined }) {
  if (!operation) return null;
  return (
    <span className="small" role="status">
      Started <Link href={`/operations/${operation.id}`}>{operation.kind} operation</Link>.
    </span>
  );
}
